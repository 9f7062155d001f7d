// Dropped folders: the drop event's entries (webkitGetAsEntry, taken while
// the event is dispatched) walked into a flat list of files, with limits so
// a dropped home directory cannot make the page wait without end. A walk
// that hits a limit says so; the hold then treats the drop as not fully
// scanned.

/** Bounds on one dropped folder walk. */
export const FOLDER_LIMITS = Object.freeze({
  maxFiles: 2000,
  maxDepth: 32,
  maxBytes: 512 * 1024 * 1024,
});

/**
 * @typedef {object} WalkedFile
 * @property {File} file
 * @property {string} path  relative path inside the drop, e.g. "project/.env"
 */

/**
 * @typedef {object} Walk
 * @property {WalkedFile[]} files
 * @property {string | null} truncated  why the walk stopped early, or null
 */

/**
 * @param {FileSystemEntry[]} entries
 * @param {typeof FOLDER_LIMITS} [limits]
 * @returns {Promise<Walk>}
 */
export async function walkEntries(entries, limits = FOLDER_LIMITS) {
  /** @type {WalkedFile[]} */
  const files = [];
  let bytes = 0;
  /** @type {string | null} */
  let truncated = null;

  /**
   * @param {FileSystemEntry} entry
   * @param {number} depth
   */
  const visit = async (entry, depth) => {
    if (truncated) return;
    if (entry.isFile) {
      if (files.length >= limits.maxFiles) {
        truncated = `more than ${limits.maxFiles} files`;
        return;
      }
      const file = await fileOf(/** @type {FileSystemFileEntry} */ (entry));
      bytes += file.size;
      if (bytes > limits.maxBytes) {
        truncated = `more than ${Math.round(limits.maxBytes / 1024 / 1024)} MB in total`;
        return;
      }
      files.push({ file, path: entry.fullPath.replace(/^\//, '') });
    } else if (entry.isDirectory) {
      if (depth >= limits.maxDepth) {
        truncated = `folders nested deeper than ${limits.maxDepth}`;
        return;
      }
      for (const child of await readAll(/** @type {FileSystemDirectoryEntry} */ (entry))) {
        await visit(child, depth + 1);
        if (truncated) return;
      }
    }
  };

  for (const entry of entries) await visit(entry, 0);
  return { files, truncated };
}

/**
 * @param {FileSystemFileEntry} entry
 * @returns {Promise<File>}
 */
function fileOf(entry) {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/**
 * Every child of a directory: readEntries answers in batches until empty.
 * @param {FileSystemDirectoryEntry} directory
 * @returns {Promise<FileSystemEntry[]>}
 */
async function readAll(directory) {
  const reader = directory.createReader();
  /** @type {FileSystemEntry[]} */
  const all = [];
  for (;;) {
    /** @type {FileSystemEntry[]} */
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
    if (all.length > FOLDER_LIMITS.maxFiles * 4) return all;
  }
}
