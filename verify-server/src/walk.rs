//! Which files `scan` reads: the paths given, and every regular file below
//! the folders given.
//!
//! Symbolic links are followed, but each folder is entered once (by its
//! canonical path), so link loops end. Entries are visited in name order so
//! output is stable. Inside a walk, `.git/`, `node_modules/` and `target/`
//! are skipped unless asked otherwise, and special files (pipes, sockets,
//! devices) are passed over: reading a pipe could block forever.

use crate::scan_cmd::FileError;
use std::collections::{HashSet, VecDeque};
use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Folder names a walk does not enter by default: version control data,
/// dependencies and build output, which are large and rarely hand-written.
pub const SKIPPED_DIRS: &[&str] = &[".git", "node_modules", "target"];

pub struct Walk {
    /// Paths still to visit, last first; `true` marks a path the user gave.
    pending: Vec<(PathBuf, bool)>,
    errors: VecDeque<FileError>,
    entered: HashSet<PathBuf>,
    skip_dirs: bool,
}

impl Walk {
    pub fn new(roots: &[PathBuf], skip_dirs: bool) -> Self {
        Walk {
            pending: roots
                .iter()
                .rev()
                .map(|root| (root.clone(), true))
                .collect(),
            errors: VecDeque::new(),
            entered: HashSet::new(),
            skip_dirs,
        }
    }

    /// Queues the entries of `dir` in name order.
    fn enter(&mut self, dir: &Path) {
        let canonical = match fs::canonicalize(dir) {
            Ok(canonical) => canonical,
            Err(err) => return self.errors.push_back(io_error(dir, &err)),
        };
        if !self.entered.insert(canonical) {
            return; // a link back to a folder already walked
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) => return self.errors.push_back(io_error(dir, &err)),
        };
        let mut children = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => children.push(entry.path()),
                Err(err) => self.errors.push_back(io_error(dir, &err)),
            }
        }
        children.sort();
        self.pending
            .extend(children.into_iter().rev().map(|child| (child, false)));
    }

    fn is_skipped(&self, dir: &Path) -> bool {
        self.skip_dirs
            && dir
                .file_name()
                .and_then(OsStr::to_str)
                .is_some_and(|name| SKIPPED_DIRS.contains(&name))
    }
}

impl Iterator for Walk {
    type Item = Result<PathBuf, FileError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(error) = self.errors.pop_front() {
                return Some(Err(error));
            }
            let (path, given) = self.pending.pop()?;
            let metadata = match fs::metadata(&path) {
                Ok(metadata) => metadata,
                Err(err) => return Some(Err(metadata_error(&path, &err))),
            };
            if metadata.is_file() {
                return Some(Ok(path));
            }
            if metadata.is_dir() {
                if given || !self.is_skipped(&path) {
                    self.enter(&path);
                }
                continue;
            }
            if given {
                return Some(Err(FileError::new(
                    &path,
                    "is not a regular file or folder",
                    "give the path of a file or a folder",
                )));
            }
        }
    }
}

fn metadata_error(path: &Path, err: &io::Error) -> FileError {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && err.kind() == io::ErrorKind::NotFound {
        return FileError::new(
            path,
            "is a symbolic link to nothing",
            "fix or remove the link",
        );
    }
    io_error(path, err)
}

pub fn io_error(path: &Path, err: &io::Error) -> FileError {
    let fix = match err.kind() {
        io::ErrorKind::NotFound => "check the path",
        io::ErrorKind::PermissionDenied => "check its permissions",
        _ => "check that it is readable",
    };
    FileError::new(path, &format!("cannot read ({err})"), fix)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A fresh empty folder under the system temp dir, removed on drop.
    pub(crate) struct TempDir(pub PathBuf);

    impl TempDir {
        pub(crate) fn new(label: &str) -> Self {
            let mut random = [0u8; 8];
            getrandom::fill(&mut random).unwrap();
            let name = format!("nospill-{label}-{}", u64::from_le_bytes(random));
            let path = std::env::temp_dir().join(name);
            fs::create_dir_all(&path).unwrap();
            TempDir(path)
        }

        pub(crate) fn write(&self, relative: &str, content: &[u8]) -> PathBuf {
            let path = self.0.join(relative);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, content).unwrap();
            path
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn walk(roots: &[PathBuf], skip_dirs: bool) -> (Vec<PathBuf>, Vec<String>) {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for item in Walk::new(roots, skip_dirs) {
            match item {
                Ok(path) => files.push(path),
                Err(err) => errors.push(err.to_string()),
            }
        }
        (files, errors)
    }

    #[test]
    fn walks_folders_in_name_order_and_skips_build_folders() {
        let dir = TempDir::new("walk-order");
        dir.write("b.txt", b"b");
        dir.write("a/z.txt", b"z");
        dir.write("a/c.txt", b"c");
        dir.write(".git/config", b"git");
        dir.write("node_modules/x/index.js", b"js");
        dir.write("target/debug/out", b"out");
        let (files, errors) = walk(std::slice::from_ref(&dir.0), true);
        assert!(errors.is_empty(), "{errors:?}");
        let relative: Vec<_> = files
            .iter()
            .map(|f| f.strip_prefix(&dir.0).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            relative,
            [PathBuf::from("a/c.txt"), "a/z.txt".into(), "b.txt".into()]
        );

        let (all, _) = walk(std::slice::from_ref(&dir.0), false);
        assert_eq!(all.len(), 6);
        // A skipped folder given explicitly is walked.
        let (given, _) = walk(&[dir.0.join("target")], true);
        assert_eq!(given.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end_and_broken_links_are_reported() {
        let dir = TempDir::new("walk-links");
        dir.write("sub/file.txt", b"x");
        std::os::unix::fs::symlink(&dir.0, dir.0.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(dir.0.join("missing"), dir.0.join("dangling")).unwrap();
        let (files, errors) = walk(std::slice::from_ref(&dir.0), true);
        assert_eq!(files, [dir.0.join("sub/file.txt")]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("symbolic link to nothing"), "{errors:?}");
    }

    #[test]
    fn missing_paths_are_errors_that_say_what_to_do() {
        let (files, errors) = walk(&[PathBuf::from("/definitely/not/here.pdf")], true);
        assert!(files.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("verify-server: /definitely/not/here.pdf: cannot read"),
            "{errors:?}"
        );
        assert!(errors[0].ends_with("; check the path"), "{errors:?}");
    }
}
