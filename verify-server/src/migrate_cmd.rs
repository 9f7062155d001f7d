//! `verify-server migrate`: show the audit database's schema version and
//! move it up (what `serve` does at startup) or down (a rollback before
//! running an older build).

use crate::audit::{AuditLocation, connect, schema};
use crate::cli::MigrateArgs;
use std::process::ExitCode;

pub fn run(args: &MigrateArgs) -> ExitCode {
    match migrate(args) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("verify-server migrate: {message}");
            ExitCode::from(2)
        }
    }
}

fn migrate(args: &MigrateArgs) -> Result<String, String> {
    let location = AuditLocation::parse(&args.audit_db);
    if location == AuditLocation::Memory {
        return Err(
            "`:memory:` holds nothing to migrate; name the database file with --audit-db or \
             NOSPILL_AUDIT_DB"
                .into(),
        );
    }
    let open_error = |err: rusqlite::Error| {
        format!("audit database {location}: {err}; check the path and that the file is readable")
    };
    let mut conn = connect(&location).map_err(open_error)?;
    let before = schema::current_version(&conn).map_err(open_error)?;
    let target = args.to.unwrap_or_else(schema::latest_version);
    let steps = schema::migrate_to(&mut conn, target)
        .map_err(|err| format!("audit database {location}: {err}"))?;
    let after = schema::current_version(&conn).map_err(open_error)?;
    let mut summary = if steps.is_empty() {
        format!("audit database {location}: schema version {after}, nothing to do")
    } else {
        format!("audit database {location}: schema version {before} -> {after}")
    };
    for step in &steps {
        let description = schema::MIGRATIONS
            .iter()
            .find(|m| m.version == step.version)
            .map_or("", |m| m.description);
        summary.push_str(&format!(
            "\n  {} {}: {description}",
            step.direction, step.version
        ));
    }
    Ok(summary)
}
