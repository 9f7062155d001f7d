//! Versioned schema migrations for the audit database.
//!
//! `schema_version` holds one row per applied migration. Each migration has
//! an `up` and a `down`, and each runs in its own transaction together with
//! its `schema_version` row, so a crash leaves the database at a whole
//! version. Append new migrations; never edit a released one (databases in
//! the field have already run it).

use rusqlite::{Connection, OptionalExtension};

/// One schema step.
pub struct Migration {
    pub version: u32,
    pub description: &'static str,
    pub up: &'static str,
    pub down: &'static str,
}

/// Every migration, in order; `version` counts from 1 without gaps.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        description: "events: one row per scanned upload",
        up: "
            CREATE TABLE events (
                id           TEXT PRIMARY KEY NOT NULL,
                time         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                site         TEXT,
                user         TEXT,
                mode         TEXT CHECK (mode IN ('block', 'warn', 'audit')),
                file_name    TEXT NOT NULL,
                file_size    INTEGER NOT NULL,
                file_sha256  TEXT NOT NULL,
                file_kind    TEXT NOT NULL,
                verdict      TEXT NOT NULL CHECK (verdict IN ('allow', 'warn', 'block')),
                rules_hit    TEXT NOT NULL,
                previews     TEXT NOT NULL,
                fingerprints TEXT NOT NULL,
                request_id   TEXT
            );
            CREATE INDEX events_by_time ON events (time);
            CREATE INDEX events_by_sha256 ON events (file_sha256);
        ",
        down: "
            DROP INDEX events_by_sha256;
            DROP INDEX events_by_time;
            DROP TABLE events;
        ",
    },
    Migration {
        version: 2,
        description: "decisions: what the user chose for an event, and whether the server agreed",
        up: "
            CREATE TABLE decisions (
                id       TEXT PRIMARY KEY NOT NULL,
                audit_id TEXT NOT NULL REFERENCES events (id),
                decision TEXT NOT NULL CHECK (decision IN ('cancel', 'override', 'redact')),
                reason   TEXT,
                allowed  INTEGER NOT NULL CHECK (allowed IN (0, 1)),
                time     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            );
            CREATE INDEX decisions_by_audit_id ON decisions (audit_id);
        ",
        down: "
            DROP INDEX decisions_by_audit_id;
            DROP TABLE decisions;
        ",
    },
];

/// The version this build migrates to.
pub fn latest_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// The database's schema version: 0 for a fresh database.
pub fn current_version(conn: &Connection) -> rusqlite::Result<u32> {
    ensure_version_table(conn)?;
    conn.query_row("SELECT max(version) FROM schema_version", [], |row| {
        row.get::<_, Option<u32>>(0)
    })
    .map(|version| version.unwrap_or(0))
}

/// Why the schema could not be brought to the wanted version.
#[derive(Debug)]
pub enum MigrationError {
    /// The database is newer than this build: a newer verify-server wrote it.
    Newer { found: u32, known: u32 },
    /// The wanted version does not exist.
    UnknownTarget { target: u32, known: u32 },
    Sql {
        version: u32,
        direction: &'static str,
        error: rusqlite::Error,
    },
}

impl std::fmt::Display for MigrationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MigrationError::Newer { found, known } => write!(
                f,
                "the audit database has schema version {found} but this verify-server knows only up \
                 to {known}; run a newer verify-server, or roll the database back with that newer \
                 build's `verify-server migrate --to {known}`"
            ),
            MigrationError::UnknownTarget { target, known } => write!(
                f,
                "there is no schema version {target}; choose a version from 0 to {known}"
            ),
            MigrationError::Sql {
                version,
                direction,
                error,
            } => write!(
                f,
                "migration {version} ({direction}) failed: {error}; the database stays at the version \
                 before it"
            ),
        }
    }
}

impl std::error::Error for MigrationError {}

/// One migration applied (or rolled back) by [`migrate_to`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub version: u32,
    pub direction: &'static str,
}

/// Brings the schema to `target`, running `up`s or `down`s one version at
/// a time. Returns the steps taken (none when already there).
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<Vec<Step>, MigrationError> {
    let known = latest_version();
    if target > known {
        return Err(MigrationError::UnknownTarget { target, known });
    }
    let sql_error = |version, direction| {
        move |error| MigrationError::Sql {
            version,
            direction,
            error,
        }
    };
    let found = current_version(conn).map_err(sql_error(0, "read version"))?;
    if found > known {
        return Err(MigrationError::Newer { found, known });
    }
    let mut steps = Vec::new();
    for migration in MIGRATIONS
        .iter()
        .filter(|m| m.version > found && m.version <= target)
    {
        apply(conn, migration, true).map_err(sql_error(migration.version, "up"))?;
        steps.push(Step {
            version: migration.version,
            direction: "up",
        });
    }
    for migration in MIGRATIONS
        .iter()
        .rev()
        .filter(|m| m.version <= found && m.version > target)
    {
        apply(conn, migration, false).map_err(sql_error(migration.version, "down"))?;
        steps.push(Step {
            version: migration.version,
            direction: "down",
        });
    }
    Ok(steps)
}

fn apply(conn: &mut Connection, migration: &Migration, up: bool) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    if up {
        tx.execute_batch(migration.up)?;
        tx.execute(
            "INSERT INTO schema_version (version, description) VALUES (?1, ?2)",
            (migration.version, migration.description),
        )?;
    } else {
        tx.execute_batch(migration.down)?;
        tx.execute(
            "DELETE FROM schema_version WHERE version = ?1",
            [migration.version],
        )?;
    }
    tx.commit()
}

fn ensure_version_table(conn: &Connection) -> rusqlite::Result<()> {
    let exists = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if !exists {
        conn.execute_batch(
            "CREATE TABLE schema_version (
                version     INTEGER PRIMARY KEY NOT NULL,
                description TEXT NOT NULL,
                applied_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            );",
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(conn: &Connection) -> Vec<String> {
        let mut statement = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap();
        statement
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    fn insert_event(conn: &Connection, id: &str) {
        conn.execute(
            "INSERT INTO events (id, file_name, file_size, file_sha256, file_kind, verdict, \
             rules_hit, previews, fingerprints) VALUES (?1, 'a.txt', 1, 'ab', 'text', 'allow', \
             '[]', '[]', '[]')",
            [id],
        )
        .unwrap();
    }

    #[test]
    fn versions_count_from_one_without_gaps() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version as usize, index + 1);
        }
    }

    #[test]
    fn migrates_up_down_and_up_again() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(current_version(&conn).unwrap(), 0);

        let steps = migrate_to(&mut conn, latest_version()).unwrap();
        assert_eq!(steps.len(), MIGRATIONS.len());
        assert_eq!(current_version(&conn).unwrap(), latest_version());
        assert_eq!(tables(&conn), ["decisions", "events", "schema_version"]);
        insert_event(&conn, "e1");

        // Already there: nothing to do.
        assert!(migrate_to(&mut conn, latest_version()).unwrap().is_empty());

        // One step down keeps the events, drops the decisions.
        let steps = migrate_to(&mut conn, 1).unwrap();
        assert_eq!(
            steps,
            [Step {
                version: 2,
                direction: "down"
            }]
        );
        assert_eq!(tables(&conn), ["events", "schema_version"]);
        let kept: u32 = conn
            .query_row("SELECT count(*) FROM events", [], |row| row.get(0))
            .unwrap();
        assert_eq!(kept, 1);

        migrate_to(&mut conn, 0).unwrap();
        assert_eq!(current_version(&conn).unwrap(), 0);
        assert_eq!(tables(&conn), ["schema_version"]);

        migrate_to(&mut conn, latest_version()).unwrap();
        assert_eq!(current_version(&conn).unwrap(), latest_version());
        assert_eq!(tables(&conn), ["decisions", "events", "schema_version"]);
        insert_event(&conn, "e2");
    }

    #[test]
    fn constraints_hold() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, latest_version()).unwrap();
        let bad_verdict = conn.execute(
            "INSERT INTO events (id, file_name, file_size, file_sha256, file_kind, verdict, \
             rules_hit, previews, fingerprints) VALUES ('x', 'a', 1, 'ab', 'text', 'maybe', '[]', \
             '[]', '[]')",
            [],
        );
        assert!(bad_verdict.is_err());
        let bad_decision = conn.execute(
            "INSERT INTO decisions (id, audit_id, decision, allowed) VALUES ('d', 'x', 'shrug', 1)",
            [],
        );
        assert!(bad_decision.is_err());
    }

    #[test]
    fn a_newer_database_is_refused_and_unknown_targets_too() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, latest_version()).unwrap();
        conn.execute(
            "INSERT INTO schema_version (version, description) VALUES (?1, 'from the future')",
            [latest_version() + 1],
        )
        .unwrap();
        let err = migrate_to(&mut conn, latest_version()).unwrap_err();
        assert!(matches!(err, MigrationError::Newer { .. }), "{err}");
        assert!(err.to_string().contains("run a newer verify-server"));

        let mut fresh = Connection::open_in_memory().unwrap();
        let err = migrate_to(&mut fresh, latest_version() + 5).unwrap_err();
        assert!(matches!(err, MigrationError::UnknownTarget { .. }), "{err}");
    }

    #[test]
    fn a_failed_migration_leaves_the_previous_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 1).unwrap();
        // Something outside the migrations took the next table's name.
        conn.execute_batch("CREATE TABLE decisions (x INTEGER);")
            .unwrap();
        let err = migrate_to(&mut conn, 2).unwrap_err();
        assert!(
            matches!(err, MigrationError::Sql { version: 2, .. }),
            "{err}"
        );
        assert_eq!(current_version(&conn).unwrap(), 1);
    }
}
