//! The audit store: every inspected upload and every user decision, in
//! SQLite.
//!
//! One dedicated writer thread owns the only connection; requests talk to
//! it through a bounded channel and wait for its answer. Why a thread and
//! not `spawn_blocking` around a shared connection:
//! - SQLite allows one writer at a time anyway; one owner means no mutex, no
//!   `SQLITE_BUSY` between our own requests, and a single place that
//!   decides ordering.
//! - Writes that queue up while a commit is running are committed together
//!   (group commit): one fsync for a burst instead of one per request, while
//!   each request is still answered only after *its* row is durable.
//! - `:memory:` databases exist per connection, so reads must use the same
//!   connection as writes.
//! - Shutdown is one message: the writer finishes everything queued before
//!   it, commits, closes the database (checkpointing the WAL) and only then
//!   confirms, so [`AuditStore::close`] is the flush.
//!
//! Nothing here ever sees a secret: events are built from a [`Report`],
//! which holds only previews and keyed fingerprints, and client-supplied
//! text is screened before it gets here (see `crate::screen`).

mod event;
pub mod schema;
mod writer;

pub use event::{Decision, EventQuery, EventRecord, Mode, NewDecision, NewEvent, Origin};

use rusqlite::Connection;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use writer::{Command, Read, Write};

/// Requests that may wait for the writer at once; more wait for room.
const QUEUE_CAPACITY: usize = 1024;

/// How long a connection waits for another process holding the database
/// lock (e.g. `verify-server migrate` run by hand) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Where the audit database lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditLocation {
    /// Kept in memory: gone when the process ends. For tests and trials.
    Memory,
    File(PathBuf),
}

impl AuditLocation {
    /// `:memory:` or a file path.
    pub fn parse(value: &str) -> Self {
        if value == ":memory:" {
            AuditLocation::Memory
        } else {
            AuditLocation::File(PathBuf::from(value))
        }
    }
}

impl fmt::Display for AuditLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuditLocation::Memory => f.write_str(":memory:"),
            AuditLocation::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// Why an audit operation did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditError {
    /// A decision named an event that does not exist.
    UnknownEvent,
    /// The store was closed (the server is shutting down) or its writer died.
    Closed,
    /// SQLite failed; the message is SQLite's and never holds row values.
    Storage(String),
}

impl fmt::Display for AuditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuditError::UnknownEvent => f.write_str("no audit event has that id"),
            AuditError::Closed => f.write_str("the audit store is closed"),
            AuditError::Storage(message) => write!(f, "the audit database failed: {message}"),
        }
    }
}

impl std::error::Error for AuditError {}

impl From<rusqlite::Error> for AuditError {
    fn from(err: rusqlite::Error) -> Self {
        AuditError::Storage(err.to_string())
    }
}

/// A handle on the audit store; cheap to clone, shared by all requests.
#[derive(Clone)]
pub struct AuditStore {
    commands: mpsc::Sender<Command>,
}

impl AuditStore {
    /// Opens (creating if needed) and migrates the database, then starts
    /// its writer thread. Blocking: call it at startup, off the async
    /// workers.
    pub fn open(location: &AuditLocation) -> Result<Self, OpenError> {
        let mut conn = connect(location).map_err(|err| OpenError::new(location, err))?;
        schema::migrate_to(&mut conn, schema::latest_version())
            .map_err(|err| OpenError::new(location, err))?;
        Self::start(conn, location).map_err(|err| OpenError::new(location, err))
    }

    /// A fresh in-memory store, for tests.
    #[cfg(test)]
    pub fn in_memory() -> Self {
        Self::open(&AuditLocation::Memory).expect("an in-memory audit store")
    }

    fn start(conn: Connection, location: &AuditLocation) -> std::io::Result<Self> {
        let (commands, receiver) = mpsc::channel(QUEUE_CAPACITY);
        std::thread::Builder::new()
            .name("audit-writer".into())
            .spawn({
                let location = location.to_string();
                move || writer::run(conn, receiver, &location)
            })?;
        Ok(AuditStore { commands })
    }

    /// Stores an event; returns once it is committed.
    pub async fn record_event(&self, event: NewEvent) -> Result<(), AuditError> {
        self.ask(|reply| Command::Write(Write::Event(Box::new(event)), reply))
            .await
    }

    /// Stores a decision; returns once it is committed.
    /// [`AuditError::UnknownEvent`] when its event does not exist.
    pub async fn record_decision(&self, decision: NewDecision) -> Result<(), AuditError> {
        self.ask(|reply| Command::Write(Write::Decision(decision), reply))
            .await
    }

    /// Events, newest first, each with its latest decision.
    pub async fn events(&self, query: EventQuery) -> Result<Vec<EventRecord>, AuditError> {
        self.ask(|reply| Command::Read(Read::Events(query, reply)))
            .await
    }

    /// A cheap query that proves the database answers.
    pub async fn ping(&self) -> Result<(), AuditError> {
        self.ask(|reply| Command::Read(Read::Ping(reply))).await
    }

    /// Commits everything queued, closes the database and stops the writer.
    /// Later calls on any handle answer [`AuditError::Closed`].
    pub async fn close(&self) -> Result<(), AuditError> {
        self.ask(Command::Close).await
    }

    async fn ask<T>(
        &self,
        command: impl FnOnce(oneshot::Sender<Result<T, AuditError>>) -> Command,
    ) -> Result<T, AuditError> {
        let (reply, answer) = oneshot::channel();
        self.commands
            .send(command(reply))
            .await
            .map_err(|_| AuditError::Closed)?;
        // A dropped reply means the writer stopped before answering.
        answer.await.unwrap_or(Err(AuditError::Closed))
    }
}

/// Opens the database file (created readable by its owner only: events
/// name users and sites) with the settings the store relies on.
pub fn connect(location: &AuditLocation) -> rusqlite::Result<Connection> {
    let conn = match location {
        AuditLocation::Memory => Connection::open_in_memory()?,
        AuditLocation::File(path) => {
            create_private_file(path);
            Connection::open(path)?
        }
    };
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // WAL: readers (a `migrate` or backup) do not block the writer. FULL: a
    // commit is on disk before we answer, since answers rest on it.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

/// Creates `path` with mode 0600 if it does not exist yet. Failures are
/// left to SQLite, whose open error then says what is wrong.
fn create_private_file(path: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let _ = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path);
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// The audit store could not be opened; says which database and what to do.
#[derive(Debug)]
pub struct OpenError {
    message: String,
}

impl OpenError {
    fn new(location: &AuditLocation, cause: impl fmt::Display) -> Self {
        OpenError {
            message: format!(
                "audit database {location}: {cause}; check that its folder exists and is writable, \
                 or point NOSPILL_AUDIT_DB (--audit-db) at another file (`:memory:` keeps nothing \
                 across restarts)"
            ),
        }
    }
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for OpenError {}

#[cfg(test)]
mod tests {
    use super::*;
    use scanner_core::{FileInfo, Verdict};
    use uuid::Uuid;

    fn event(verdict: Verdict) -> NewEvent {
        NewEvent {
            id: Uuid::new_v4(),
            site: Some("chat.example".into()),
            user: Some("u-1".into()),
            mode: Some(Mode::Warn),
            file: FileInfo {
                name: "notes.txt".into(),
                size: 12,
                sha256: "ab".repeat(32),
                kind: "text".into(),
            },
            verdict,
            rules_hit: vec!["aws.access_key_id".into()],
            previews: serde_json::json!([{"rule": "aws.access_key_id", "preview": "AKIAZ…"}]),
            fingerprints: vec!["fp1:00".into()],
            request_id: Some("req-1".into()),
        }
    }

    fn decision(audit_id: Uuid, decision: Decision, allowed: bool) -> NewDecision {
        NewDecision {
            id: Uuid::new_v4(),
            audit_id,
            decision,
            reason: Some("approved by the data owner".into()),
            allowed,
        }
    }

    #[tokio::test]
    async fn events_and_their_latest_decision_round_trip() {
        let store = AuditStore::in_memory();
        let first = event(Verdict::Block);
        let second = event(Verdict::Allow);
        store.record_event(first.clone()).await.unwrap();
        store.record_event(second.clone()).await.unwrap();
        store
            .record_decision(decision(first.id, Decision::Cancel, false))
            .await
            .unwrap();
        let latest = decision(first.id, Decision::Override, true);
        store.record_decision(latest.clone()).await.unwrap();

        let all = store.events(EventQuery::latest(10)).await.unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].id, second.id.to_string(), "newest first");
        assert!(all[0].decision.is_none());
        let record = &all[1];
        assert_eq!(record.verdict, "block");
        assert_eq!(record.mode.as_deref(), Some("warn"));
        assert_eq!(record.file.sha256, first.file.sha256);
        assert_eq!(record.rules_hit, serde_json::json!(["aws.access_key_id"]));
        assert_eq!(record.previews[0]["preview"], "AKIAZ…");
        let chosen = record.decision.as_ref().unwrap();
        assert_eq!(chosen.id, latest.id.to_string());
        assert_eq!(chosen.decision, "override");
        assert!(chosen.allowed);
        assert_eq!(chosen.reason.as_deref(), Some("approved by the data owner"));
        assert!(record.time.ends_with('Z') && chosen.time.ends_with('Z'));

        let one = store
            .events(EventQuery {
                audit_id: Some(second.id),
                limit: 10,
            })
            .await
            .unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].id, second.id.to_string());
        assert_eq!(store.events(EventQuery::latest(1)).await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_decision_for_an_unknown_event_is_refused() {
        let store = AuditStore::in_memory();
        let err = store
            .record_decision(decision(Uuid::new_v4(), Decision::Override, true))
            .await
            .unwrap_err();
        assert_eq!(err, AuditError::UnknownEvent);
    }

    #[tokio::test]
    async fn concurrent_writes_are_all_committed() {
        let store = AuditStore::in_memory();
        let tasks: Vec<_> = (0..200)
            .map(|_| {
                let store = store.clone();
                tokio::spawn(async move { store.record_event(event(Verdict::Warn)).await })
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert_eq!(
            store.events(EventQuery::latest(1000)).await.unwrap().len(),
            200
        );
    }

    #[tokio::test]
    async fn close_flushes_queued_writes_and_then_refuses() {
        let dir = std::env::temp_dir().join(format!("nospill-audit-{}", Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let location = AuditLocation::File(dir.join("audit.sqlite3"));
        let store = AuditStore::open(&location).unwrap();
        let writes: Vec<_> = (0..50)
            .map(|_| {
                let store = store.clone();
                tokio::spawn(async move { store.record_event(event(Verdict::Block)).await })
            })
            .collect();
        tokio::task::yield_now().await;
        store.close().await.unwrap();
        let mut committed = 0;
        for write in writes {
            match write.await.unwrap() {
                Ok(()) => committed += 1,
                Err(err) => assert_eq!(err, AuditError::Closed),
            }
        }
        assert_eq!(store.ping().await.unwrap_err(), AuditError::Closed);
        assert_eq!(
            store.record_event(event(Verdict::Block)).await.unwrap_err(),
            AuditError::Closed
        );

        // Every write that was answered Ok is in the file after reopening.
        let reopened = AuditStore::open(&location).unwrap();
        let stored = reopened.events(EventQuery::latest(1000)).await.unwrap();
        assert_eq!(stored.len(), committed);
        reopened.close().await.unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("audit.sqlite3"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_folder_is_a_clear_open_error() {
        let location = AuditLocation::File(PathBuf::from("/nonexistent-nospill-dir/audit.db"));
        let err = AuditStore::open(&location).err().unwrap().to_string();
        assert!(err.contains("/nonexistent-nospill-dir/audit.db"), "{err}");
        assert!(err.contains("NOSPILL_AUDIT_DB"), "{err}");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_a_clear_open_error() {
        let path = std::env::temp_dir().join(format!("nospill-not-a-db-{}", Uuid::new_v4()));
        std::fs::write(
            &path,
            b"this is not a database, just some text that is long enough",
        )
        .unwrap();
        let err = AuditStore::open(&AuditLocation::File(path.clone()))
            .err()
            .unwrap()
            .to_string();
        std::fs::remove_file(&path).unwrap();
        assert!(err.contains("not a database"), "{err}");
    }
}
