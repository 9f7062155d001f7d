//! The writer thread: the only owner of the audit connection.
//!
//! It takes whatever is queued (up to [`MAX_BATCH`]), commits all writes of
//! that batch in one transaction, answers them once the commit is durable,
//! then answers the reads.

use super::AuditError;
use super::event::{DecisionRecord, EventQuery, EventRecord, FileRecord, NewDecision, NewEvent};
use rusqlite::{Connection, Row, Transaction};
use tokio::sync::{mpsc, oneshot};

/// Most commands taken in one round; bounds the time one commit holds
/// the rest of the queue.
const MAX_BATCH: usize = 256;

type Reply<T> = oneshot::Sender<Result<T, AuditError>>;

pub enum Command {
    Write(Write, Reply<()>),
    Read(Read),
    /// Commit what came before, close the database, then answer.
    Close(Reply<()>),
}

pub enum Write {
    Event(Box<NewEvent>),
    Decision(NewDecision),
}

pub enum Read {
    Events(EventQuery, Reply<Vec<EventRecord>>),
    Ping(Reply<()>),
}

impl Command {
    fn refuse(self) {
        // The asker may have gone away; nothing to do then.
        match self {
            Command::Write(_, reply) | Command::Close(reply) | Command::Read(Read::Ping(reply)) => {
                let _ = reply.send(Err(AuditError::Closed));
            }
            Command::Read(Read::Events(_, reply)) => {
                let _ = reply.send(Err(AuditError::Closed));
            }
        }
    }
}

pub fn run(mut conn: Connection, mut commands: mpsc::Receiver<Command>, location: &str) {
    let mut close_reply: Option<Reply<()>> = None;
    while close_reply.is_none() {
        let Some(first) = commands.blocking_recv() else {
            break; // every handle dropped
        };
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match commands.try_recv() {
                Ok(command) => batch.push(command),
                Err(_) => break,
            }
        }
        let mut writes = Vec::new();
        let mut reads = Vec::new();
        for command in batch {
            match command {
                _ if close_reply.is_some() => command.refuse(),
                Command::Close(reply) => close_reply = Some(reply),
                Command::Write(write, reply) => writes.push((write, reply)),
                Command::Read(read) => reads.push(read),
            }
        }
        commit(&mut conn, writes);
        for read in reads {
            answer(&conn, read);
        }
    }
    commands.close();
    while let Ok(command) = commands.try_recv() {
        command.refuse();
    }
    let closed = conn.close().map_err(|(_, err)| AuditError::from(err));
    match &closed {
        Ok(()) => tracing::info!(
            audit_db = location,
            "audit store closed; all writes flushed"
        ),
        Err(err) => {
            tracing::error!(audit_db = location, error = %err, "closing the audit store failed")
        }
    }
    if let Some(reply) = close_reply {
        let _ = reply.send(closed);
    }
}

/// Runs the writes in one transaction; each is answered after the commit.
fn commit(conn: &mut Connection, writes: Vec<(Write, Reply<()>)>) {
    if writes.is_empty() {
        return;
    }
    let tx = match conn.transaction() {
        Ok(tx) => tx,
        Err(err) => return fail_all(writes, &err.into()),
    };
    // A failed statement rolls back only itself; the others still commit.
    let outcomes: Vec<_> = writes
        .into_iter()
        .map(|(write, reply)| (apply(&tx, &write), reply))
        .collect();
    match tx.commit() {
        Ok(()) => {
            for (outcome, reply) in outcomes {
                if let Err(err) = &outcome {
                    log_failure(err);
                }
                let _ = reply.send(outcome);
            }
        }
        Err(err) => {
            let err = AuditError::from(err);
            log_failure(&err);
            for (_, reply) in outcomes {
                let _ = reply.send(Err(err.clone()));
            }
        }
    }
}

fn fail_all(writes: Vec<(Write, Reply<()>)>, err: &AuditError) {
    log_failure(err);
    for (_, reply) in writes {
        let _ = reply.send(Err(err.clone()));
    }
}

fn log_failure(err: &AuditError) {
    if let AuditError::Storage(_) = err {
        tracing::error!(error = %err, "audit write failed");
    }
}

fn apply(tx: &Transaction<'_>, write: &Write) -> Result<(), AuditError> {
    match write {
        Write::Event(event) => insert_event(tx, event),
        Write::Decision(decision) => insert_decision(tx, decision),
    }
}

fn insert_event(tx: &Transaction<'_>, event: &NewEvent) -> Result<(), AuditError> {
    tx.execute(
        "INSERT INTO events (id, site, user, mode, file_name, file_size, file_sha256, file_kind, \
         verdict, rules_hit, previews, fingerprints, request_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        rusqlite::params![
            event.id.to_string(),
            event.site,
            event.user,
            event.mode.map(|mode| mode.as_str()),
            event.file.name,
            i64::try_from(event.file.size).unwrap_or(i64::MAX),
            event.file.sha256,
            event.file.kind,
            verdict_name(event.verdict),
            json_text(&event.rules_hit),
            json_text(&event.previews),
            json_text(&event.fingerprints),
            event.request_id,
        ],
    )?;
    Ok(())
}

fn insert_decision(tx: &Transaction<'_>, decision: &NewDecision) -> Result<(), AuditError> {
    let inserted = tx.execute(
        "INSERT INTO decisions (id, audit_id, decision, reason, allowed) \
         SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM events WHERE id = ?2)",
        rusqlite::params![
            decision.id.to_string(),
            decision.audit_id.to_string(),
            decision.decision.as_str(),
            decision.reason,
            decision.allowed,
        ],
    )?;
    if inserted == 0 {
        return Err(AuditError::UnknownEvent);
    }
    Ok(())
}

fn answer(conn: &Connection, read: Read) {
    match read {
        Read::Events(query, reply) => {
            let _ = reply.send(select_events(conn, query));
        }
        Read::Ping(reply) => {
            let ping = conn
                .query_row("SELECT count(*) FROM schema_version", [], |_| Ok(()))
                .map_err(AuditError::from);
            let _ = reply.send(ping);
        }
    }
}

fn select_events(conn: &Connection, query: EventQuery) -> Result<Vec<EventRecord>, AuditError> {
    let mut statement = conn.prepare_cached(
        "SELECT e.id, e.time, e.site, e.user, e.mode, e.file_name, e.file_size, e.file_sha256, \
                e.file_kind, e.verdict, e.rules_hit, e.previews, e.fingerprints, e.request_id, \
                d.id, d.decision, d.reason, d.allowed, d.time \
         FROM events e \
         LEFT JOIN decisions d ON d.rowid = ( \
             SELECT rowid FROM decisions WHERE audit_id = e.id ORDER BY rowid DESC LIMIT 1) \
         WHERE ?1 IS NULL OR e.id = ?1 \
         ORDER BY e.rowid DESC \
         LIMIT ?2",
    )?;
    let audit_id = query.audit_id.map(|id| id.to_string());
    let rows = statement.query_map(rusqlite::params![audit_id, query.limit], event_record)?;
    rows.map(|row| row.map_err(AuditError::from)).collect()
}

fn event_record(row: &Row<'_>) -> rusqlite::Result<EventRecord> {
    let decision = match row.get::<_, Option<String>>(14)? {
        None => None,
        Some(id) => Some(DecisionRecord {
            id,
            decision: row.get(15)?,
            reason: row.get(16)?,
            allowed: row.get(17)?,
            time: row.get(18)?,
        }),
    };
    Ok(EventRecord {
        id: row.get(0)?,
        time: row.get(1)?,
        site: row.get(2)?,
        user: row.get(3)?,
        mode: row.get(4)?,
        file: FileRecord {
            name: row.get(5)?,
            size: u64::try_from(row.get::<_, i64>(6)?).unwrap_or(0),
            sha256: row.get(7)?,
            kind: row.get(8)?,
        },
        verdict: row.get(9)?,
        rules_hit: json_column(row, 10)?,
        previews: json_column(row, 11)?,
        fingerprints: json_column(row, 12)?,
        request_id: row.get(13)?,
        decision,
    })
}

fn json_column(row: &Row<'_>, index: usize) -> rusqlite::Result<serde_json::Value> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).map_err(|err| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(err))
    })
}

fn verdict_name(verdict: scanner_core::Verdict) -> &'static str {
    match verdict {
        scanner_core::Verdict::Allow => "allow",
        scanner_core::Verdict::Warn => "warn",
        scanner_core::Verdict::Block => "block",
    }
}

/// The text of a JSON column. Serialising strings and JSON values cannot
/// fail, so the fallback is never stored in practice.
fn json_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}
