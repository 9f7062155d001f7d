//! Properties the measurements rely on: determinism, one planted value per
//! positive on the labelled lines, valid checksums where the format has one,
//! and negatives that really fail their checks.

use corpus_gen::{Corpus, File, Kind, check, generate};
use std::collections::{BTreeMap, BTreeSet};

fn corpus() -> Corpus {
    generate(1, 3)
}

fn text(f: &File) -> &str {
    std::str::from_utf8(&f.bytes).expect("generated files are UTF-8")
}

fn planted(f: &File) -> String {
    let lines: Vec<&str> = text(f).lines().collect();
    let (s, e) = (f.line_start as usize, f.line_end as usize);
    assert!(
        s >= 1 && e >= s && e <= lines.len(),
        "{}: lines {s}-{e} out of range",
        f.path
    );
    lines[s - 1..e].join("\n")
}

fn positives_of<'a>(c: &'a Corpus, family: &str) -> Vec<&'a File> {
    c.files
        .iter()
        .filter(|f| f.kind == Kind::Positive && f.family == family)
        .collect()
}

/// Tokens of the form prefix + 30 base62 + 6 base62 CRC-32 in a line.
fn checksummed_tokens(line: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(prefix) {
        let tail = &rest[at + prefix.len()..];
        let body: String = tail
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if body.len() == 36 {
            out.push(body);
        }
        rest = &rest[at + prefix.len()..];
    }
    out
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = generate(7, 2);
    let b = generate(7, 2);
    assert_eq!(a.manifest(), b.manifest());
    assert!(
        a.files
            .iter()
            .zip(&b.files)
            .all(|(x, y)| x.bytes == y.bytes)
    );
    let c = generate(8, 2);
    let differing = a
        .files
        .iter()
        .zip(&c.files)
        .filter(|(x, y)| x.bytes != y.bytes)
        .count();
    assert!(
        differing > a.files.len() * 9 / 10,
        "seed barely matters: {differing}"
    );
}

#[test]
fn sizes_and_labels() {
    let c = corpus();
    let families = corpus_gen::family_ids();
    assert!(families.len() >= 150, "{} families", families.len());
    assert!(corpus_gen::negative_kinds().len() >= 30);
    let unique: BTreeSet<_> = families.iter().collect();
    assert_eq!(unique.len(), families.len(), "duplicate family id");
    assert_eq!(c.count(Kind::Positive), families.len() * 3);
    let paths: BTreeSet<_> = c.files.iter().map(|f| &f.path).collect();
    assert_eq!(paths.len(), c.files.len(), "duplicate path");
    for f in &c.files {
        let name = f.path.rsplit('/').next().unwrap_or("");
        assert!(
            name[6..].starts_with(&f.family),
            "{} vs {}",
            f.path,
            f.family
        );
        assert!(
            !text(f).contains(['\u{1}', '\u{2}']),
            "{}: marker left",
            f.path
        );
        match f.kind {
            Kind::Positive => assert!(f.line_start >= 1, "{}", f.path),
            Kind::Negative => assert_eq!((f.line_start, f.line_end), (0, 0)),
        }
    }
    let groups: BTreeSet<_> = c.files.iter().map(|f| f.group.as_str()).collect();
    for g in [
        "cloud",
        "code-hosting",
        "ai",
        "messaging",
        "payments",
        "email",
        "observability",
        "registries",
        "infrastructure",
        "private-keys",
        "credential-files",
        "connection-strings",
        "http-auth",
        "jwt",
        "passwords",
        "pii",
    ] {
        assert!(groups.contains(g), "group {g} missing");
    }
}

#[test]
fn contexts_rotate_and_some_values_are_encoded() {
    let c = corpus();
    let mut per_context: BTreeMap<&str, usize> = BTreeMap::new();
    for f in c.files.iter().filter(|f| f.kind == Kind::Positive) {
        *per_context.entry(f.context.as_str()).or_default() += 1;
    }
    for ctx in [
        "env",
        "json",
        "json-escaped",
        "yaml",
        "toml",
        "ini",
        "python",
        "javascript",
        "go",
        "java",
        "csharp",
        "shell",
        "log",
        "chat-en",
        "chat-de",
        "chat-fr",
        "markdown",
        "csv",
        "html",
        "xml",
        "base64-k8s-secret",
        "percent-encoded",
    ] {
        assert!(
            per_context.get(ctx).copied().unwrap_or(0) > 0,
            "context {ctx} unused"
        );
    }
    let encoded: usize = ["base64-k8s-secret", "percent-encoded", "base64-shell"]
        .iter()
        .map(|c| per_context.get(c).copied().unwrap_or(0))
        .sum();
    let total = c.count(Kind::Positive);
    assert!(
        encoded * 100 >= total * 3 && encoded * 100 <= total * 7,
        "{encoded} of {total} encoded"
    );
}

#[test]
fn github_and_npm_tokens_carry_their_crc() {
    let c = corpus();
    let mut seen = 0;
    for (family, prefix) in [
        ("github.classic_pat", "ghp_"),
        ("github.oauth_token", "gho_"),
        ("github.user_to_server", "ghu_"),
        ("github.server_to_server", "ghs_"),
        ("github.refresh_token", "ghr_"),
        ("npm.access_token", "npm_"),
        ("creds.npmrc", "npm_"),
    ] {
        for f in positives_of(&c, family) {
            if f.context.starts_with("base64") || f.context == "percent-encoded" {
                continue;
            }
            for body in checksummed_tokens(&planted(f), prefix) {
                assert_eq!(check::crc32_base62(&body[..30]), body[30..], "{}", f.path);
                seen += 1;
            }
        }
    }
    assert!(seen >= 15, "only {seen} tokens checked");
    for f in c
        .files
        .iter()
        .filter(|f| f.family.ends_with("wrong_checksum"))
    {
        for prefix in ["ghp_", "gho_", "ghs_", "npm_"] {
            for body in checksummed_tokens(text(f), prefix) {
                assert_ne!(check::crc32_base62(&body[..30]), body[30..], "{}", f.path);
            }
        }
    }
}

/// Digit runs of `min..=max` digits (spaces and dashes allowed inside).
fn digit_runs(s: &str, min: usize, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut flush = |cur: &mut String| {
        if (min..=max).contains(&cur.len()) {
            out.push(cur.clone());
        }
        cur.clear();
    };
    let chars: Vec<char> = s.chars().collect();
    for (i, &ch) in chars.iter().enumerate() {
        if ch.is_ascii_digit() {
            cur.push(ch);
        } else if (ch == ' ' || ch == '-')
            && !cur.is_empty()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
        {
        } else {
            flush(&mut cur);
        }
    }
    flush(&mut cur);
    out
}

#[test]
fn cards_pass_luhn_and_are_not_published_test_numbers() {
    let c = corpus();
    let mut seen = 0;
    for f in c
        .files
        .iter()
        .filter(|f| f.family.starts_with("pii.card_") && f.kind == Kind::Positive)
    {
        let runs = digit_runs(&planted(f), 14, 16);
        assert!(!runs.is_empty(), "{}: no card", f.path);
        for n in runs {
            assert!(check::luhn_valid(&n), "{}", f.path);
            assert!(
                !corpus_gen::pii::TEST_CARDS.contains(&n.as_str()),
                "{}",
                f.path
            );
            seen += 1;
        }
    }
    assert!(seen >= 21);
    for f in c.files.iter().filter(|f| f.family == "pii.card_luhn_fail") {
        for n in digit_runs(text(f), 14, 16) {
            assert!(!check::luhn_valid(&n), "{}", f.path);
        }
    }
}

fn iban_in(s: &str) -> Option<String> {
    let start = s.find(|c: char| c.is_ascii_uppercase()).into_iter().chain(
        s.match_indices(|c: char| c.is_ascii_uppercase())
            .map(|(i, _)| i),
    );
    for i in start {
        let tail = &s[i..];
        let b = tail.as_bytes();
        if b.len() >= 4
            && b[0].is_ascii_uppercase()
            && b[1].is_ascii_uppercase()
            && b[2].is_ascii_digit()
            && b[3].is_ascii_digit()
        {
            let iban: String = tail
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == ' ')
                .collect();
            return Some(iban.trim().to_string());
        }
    }
    None
}

#[test]
fn ibans_pass_mod97_and_bad_ones_fail() {
    let c = corpus();
    for f in c
        .files
        .iter()
        .filter(|f| f.family.starts_with("pii.iban_") && f.kind == Kind::Positive)
    {
        let iban = iban_in(&planted(f)).unwrap_or_else(|| panic!("{}: no IBAN", f.path));
        assert!(check::iban_valid(&iban), "{}", f.path);
    }
    for f in c
        .files
        .iter()
        .filter(|f| f.family == "pii.iban_bad_checksum")
    {
        for line in text(f).lines().filter(|l| l.contains("iban")) {
            let iban = iban_in(line.split(':').nth(1).unwrap_or("")).expect("IBAN");
            assert!(!check::iban_valid(&iban), "{}", f.path);
        }
    }
}

#[test]
fn national_ids_and_ssns_follow_their_rules() {
    let mut r = corpus_gen::Rng::new(3);
    for _ in 0..200 {
        let ssn = corpus_gen::pii::ssn(&mut r);
        let area: u32 = ssn[..3].parse().unwrap();
        assert!(
            area != 0 && area != 666 && area < 900 && &ssn[4..6] != "00" && &ssn[7..] != "0000",
            "{ssn}"
        );
        let bad = corpus_gen::pii::invalid_ssn(&mut r);
        let area: u32 = bad[..3].parse().unwrap();
        assert!(
            area == 0 || area == 666 || area >= 900 || &bad[4..6] == "00" || &bad[7..] == "0000",
            "{bad}"
        );

        let aadhaar: String = corpus_gen::pii::in_aadhaar(&mut r, false).replace(' ', "");
        assert!(check::verhoeff_valid(&aadhaar));
        let wrong: String = corpus_gen::pii::in_aadhaar(&mut r, true).replace(' ', "");
        assert!(!check::verhoeff_valid(&wrong));

        let sin = corpus_gen::pii::ca_sin(&mut r, false).replace(' ', "");
        assert!(check::luhn_valid(&sin));
        let pnr = corpus_gen::pii::se_personnummer(&mut r, false).replace('-', "");
        assert!(check::luhn_valid(&pnr[..]));

        let bsn = corpus_gen::pii::nl_bsn(&mut r, false);
        let s = check::weighted(&bsn[..8], &[9, 8, 7, 6, 5, 4, 3, 2]) as i64
            - i64::from(bsn.as_bytes()[8] - b'0');
        assert_eq!(s % 11, 0, "{bsn}");

        let pesel = corpus_gen::pii::pl_pesel(&mut r, false);
        assert_eq!(
            check::weighted(&pesel, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3, 1]) % 10,
            0,
            "{pesel}"
        );

        let nhs = corpus_gen::pii::uk_nhs(&mut r, false).replace(' ', "");
        let sum = check::weighted(&nhs, &[10, 9, 8, 7, 6, 5, 4, 3, 2]);
        let expect = (11 - sum % 11) % 11;
        assert_eq!(expect, u32::from(nhs.as_bytes()[9] - b'0'), "{nhs}");

        let steuer = corpus_gen::pii::de_steuer_id(&mut r, false);
        assert_eq!(
            check::iso7064_11_10(&steuer[..10]),
            u32::from(steuer.as_bytes()[10] - b'0')
        );

        let cf = corpus_gen::pii::it_codice_fiscale(&mut r, false);
        assert_eq!(
            check::codice_fiscale_check(&cf[..15]),
            cf.chars().nth(15).unwrap()
        );

        let cpf: String = corpus_gen::pii::br_cpf(&mut r, false)
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let d1 = check::weighted(&cpf[..9], &[10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10 % 11 % 10;
        let d2 = check::weighted(&cpf[..10], &[11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10 % 11 % 10;
        assert_eq!(
            (d1, d2),
            (
                u32::from(cpf.as_bytes()[9] - b'0'),
                u32::from(cpf.as_bytes()[10] - b'0')
            )
        );

        let nir: String = corpus_gen::pii::fr_nir(&mut r, false).replace(' ', "");
        let body: u64 = nir[..13].parse().unwrap();
        assert_eq!(97 - body % 97, nir[13..].parse::<u64>().unwrap());

        let dni = corpus_gen::pii::es_dni(&mut r, false);
        let n: usize = dni[..8].parse().unwrap();
        assert_eq!(b"TRWAGMYFPDXBNJZSQVHLCKE"[n % 23], dni.as_bytes()[8]);

        let cn = corpus_gen::pii::cn_resident_id(&mut r, false);
        let idx = check::weighted(
            &cn[..17],
            &[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2],
        ) % 11;
        assert_eq!(b"10X98765432"[idx as usize], cn.as_bytes()[17]);
    }
}

#[test]
fn age_keys_are_valid_bech32_and_pgp_armour_has_crc24() {
    let c = corpus();
    for f in positives_of(&c, "age.secret_key") {
        let line = planted(f);
        if let Some(at) = line.find("AGE-SECRET-KEY-1") {
            let key = &line[at..at + 16 + 58];
            assert!(check::bech32_valid(key), "{}: {}", f.path, key.len());
            assert!(key.len() >= 16);
        }
    }
    use base64::Engine;
    for f in positives_of(&c, "private_key.pgp") {
        let block = planted(f);
        let body: String = block
            .lines()
            .skip(2)
            .take_while(|l| !l.trim_start().starts_with('='))
            .map(str::trim)
            .collect();
        let crc_line = block
            .lines()
            .find(|l| l.trim_start().starts_with('='))
            .expect("crc line");
        let data = base64::engine::general_purpose::STANDARD
            .decode(&body)
            .unwrap_or_else(|e| panic!("{} ({}): {e}", f.path, f.context));
        let crc = base64::engine::general_purpose::STANDARD
            .decode(&crc_line.trim()[1..])
            .expect("crc");
        assert_eq!(
            check::crc24(&data).to_be_bytes()[1..],
            crc[..],
            "{}",
            f.path
        );
    }
}

#[test]
fn pem_positives_span_begin_to_end() {
    let c = corpus();
    for f in c
        .files
        .iter()
        .filter(|f| f.family.starts_with("private_key.") && f.family != "private_key.putty")
    {
        let p = planted(f);
        if f.context == "json" {
            assert!(
                p.contains("-----BEGIN") && p.contains("-----END"),
                "{}",
                f.path
            );
            continue;
        }
        assert!(p.contains("-----BEGIN"), "{}", f.path);
        assert!(p.contains("-----END"), "{}", f.path);
        assert!(f.line_end > f.line_start, "{}", f.path);
    }
}

#[test]
fn negatives_hold_no_planted_family_prefix_with_valid_shape() {
    // Cheap guard against a negative accidentally containing a real-shaped
    // token from the positive generators.
    let c = corpus();
    for f in c.files.iter().filter(|f| f.kind == Kind::Negative) {
        let t = text(f);
        for marker in [
            "-----BEGIN RSA PRIVATE",
            "-----BEGIN OPENSSH PRIVATE",
            "sk_live_",
            "xoxb-1",
            "AGE-SECRET-KEY-1Q",
        ] {
            assert!(!t.contains(marker), "{}: {marker}", f.path);
        }
    }
}
