//! `corpus-gen --out DIR [--seed 1] [--per-family 3]`: writes the labelled
//! corpus. Prints counts only, never a planted value.

use std::path::PathBuf;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: corpus-gen --out DIR [--seed N] [--per-family N]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut out: Option<PathBuf> = None;
    let mut seed = 1u64;
    let mut per_family = 3usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        let parsed = match (arg.as_str(), value) {
            ("--out", Some(v)) => {
                out = Some(PathBuf::from(v));
                true
            }
            ("--seed", Some(v)) => v.parse().map(|s| seed = s).is_ok(),
            ("--per-family", Some(v)) => v.parse().map(|p| per_family = p).is_ok(),
            _ => false,
        };
        if !parsed {
            return usage();
        }
    }
    let Some(out) = out else {
        return usage();
    };
    let corpus = corpus_gen::generate(seed, per_family);
    if let Err(e) = corpus.write_to(&out) {
        eprintln!("corpus-gen: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    println!(
        "wrote {} positives ({} families) and {} negatives ({} kinds) to {}",
        corpus.count(corpus_gen::Kind::Positive),
        corpus_gen::family_ids().len(),
        corpus.count(corpus_gen::Kind::Negative),
        corpus_gen::negative_kinds().len(),
        out.display()
    );
    ExitCode::SUCCESS
}
