//! Personal data without a check digit: e-mail addresses, phone numbers,
//! dates of birth and passport numbers. Nothing here can confirm a value;
//! these checks drop what is documentation, code or another kind of number.

/// Local parts that are no person: bounces, role mailboxes of RFC 2142,
/// SSH users and documentation stand-ins.
const IMPERSONAL_LOCAL_PARTS: &[&str] = &[
    "noreply",
    "no-reply",
    "no_reply",
    "donotreply",
    "do-not-reply",
    "do_not_reply",
    "mailer-daemon",
    "postmaster",
    "hostmaster",
    "webmaster",
    "abuse",
    "git",
    "user",
    "username",
    "name",
    "email",
    "you",
    "me",
    "someone",
    "somebody",
    "nobody",
    "foo",
    "bar",
    "baz",
    "test",
    "john.doe",
    "jane.doe",
    "johndoe",
    "janedoe",
    "john.smith",
    "firstname.lastname",
    "first.last",
];

/// Domains reserved for documentation and testing (RFC 2606, RFC 6761) or
/// used as such.
const DOCUMENTATION_DOMAINS: &[&str] = &[
    "domain.com",
    "domain.tld",
    "company.com",
    "mycompany.com",
    "host.com",
    "foo.com",
    "bar.com",
    "foo.bar",
    "test.com",
];

/// Domains whose addresses name a machine identity or stand in for a
/// hidden address: cloud service accounts, GitHub's private commit e-mail.
const MACHINE_DOMAIN_SUFFIXES: &[&str] = &[
    "gserviceaccount.com",
    "noreply.github.com",
    "noreply.gitlab.com",
];

/// Top-level names that never route mail (RFC 2606, RFC 6761, RFC 6762)
/// or that are file extensions more often than countries.
const NON_ROUTING_TLDS: &[&str] = &[
    "test",
    "example",
    "invalid",
    "localhost",
    "local",
    "internal",
    "localdomain",
    "lan",
    "home",
    "corp",
    "py",
    "md",
    "sh",
    "cc",
];

/// Generic top-level domains seen in mail addresses. Two-letter country
/// codes are accepted without a list; longer names must be here, which
/// keeps `obj@node.attribute` and `icon@2x.png` out.
const GENERIC_TLDS: &[&str] = &[
    "com",
    "org",
    "net",
    "edu",
    "gov",
    "mil",
    "int",
    "info",
    "biz",
    "name",
    "pro",
    "aero",
    "coop",
    "museum",
    "mobi",
    "jobs",
    "travel",
    "asia",
    "app",
    "dev",
    "xyz",
    "online",
    "site",
    "tech",
    "store",
    "shop",
    "cloud",
    "email",
    "blog",
    "page",
    "live",
    "news",
    "space",
    "website",
    "club",
    "design",
    "agency",
    "digital",
    "systems",
    "network",
    "software",
    "company",
    "group",
    "media",
    "studio",
    "works",
    "world",
    "academy",
    "global",
    "life",
    "today",
    "services",
    "consulting",
    "solutions",
    "ltd",
    "llc",
    "inc",
    "gmbh",
    "law",
    "health",
    "bank",
    "insurance",
    "mail",
    "berlin",
    "london",
    "paris",
    "nyc",
    "tokyo",
    "swiss",
    "ovh",
    "google",
    "microsoft",
    "apple",
    "amazon",
    "one",
    "top",
    "icu",
    "fun",
    "team",
    "zone",
    "work",
    "center",
    "science",
    "engineer",
];

/// An e-mail address that may belong to a person: a plausible local part,
/// a domain that routes mail, and neither a role mailbox nor a
/// documentation address.
pub(super) fn email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    let local = local.to_ascii_lowercase();
    let domain = domain.to_ascii_lowercase();
    if local.is_empty() || local.len() > 64 || domain.len() > 253 {
        return false;
    }
    let bounce = ["noreply", "no-reply", "donotreply", "do-not-reply"]
        .iter()
        .any(|p| local.starts_with(p));
    if bounce || IMPERSONAL_LOCAL_PARTS.contains(&local.as_str()) {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let Some(&tld) = labels.last() else {
        return false;
    };
    let routable_tld = if tld.len() == 2 {
        tld.bytes().all(|b| b.is_ascii_lowercase())
    } else {
        GENERIC_TLDS.contains(&tld)
    };
    routable_tld
        && labels.len() >= 2
        && !NON_ROUTING_TLDS.contains(&tld)
        && !labels.contains(&"example")
        && !DOCUMENTATION_DOMAINS.contains(&domain.as_str())
        // `one@one.org`, `test@test.com`: a list of made-up addresses.
        && labels.first() != Some(&local.as_str())
        && !MACHINE_DOMAIN_SUFFIXES
            .iter()
            .any(|suffix| domain.ends_with(suffix))
}

/// Country calling codes with the shortest and longest national number
/// they use (ITU-T E.164 assignments; common countries only).
const CALLING_CODES: &[(&str, usize, usize)] = &[
    ("1", 10, 10),
    ("7", 10, 10),
    ("20", 8, 10),
    ("27", 9, 9),
    ("30", 10, 10),
    ("31", 9, 9),
    ("32", 8, 9),
    ("33", 9, 9),
    ("34", 9, 9),
    ("36", 8, 9),
    ("39", 6, 11),
    ("40", 9, 9),
    ("41", 9, 9),
    ("43", 7, 13),
    ("44", 9, 10),
    ("45", 8, 8),
    ("46", 7, 10),
    ("47", 8, 8),
    ("48", 9, 9),
    ("49", 7, 12),
    ("51", 8, 9),
    ("52", 10, 10),
    ("53", 8, 8),
    ("54", 10, 11),
    ("55", 10, 11),
    ("56", 9, 9),
    ("57", 10, 10),
    ("58", 10, 10),
    ("60", 8, 10),
    ("61", 9, 9),
    ("62", 8, 12),
    ("63", 8, 10),
    ("64", 8, 10),
    ("65", 8, 8),
    ("66", 8, 9),
    ("81", 9, 10),
    ("82", 8, 11),
    ("84", 9, 10),
    ("86", 9, 11),
    ("90", 10, 10),
    ("91", 10, 10),
    ("92", 9, 10),
    ("93", 9, 9),
    ("94", 9, 9),
    ("95", 8, 10),
    ("98", 10, 10),
    ("212", 9, 9),
    ("213", 9, 9),
    ("216", 8, 8),
    ("234", 8, 10),
    ("254", 9, 9),
    ("256", 9, 9),
    ("351", 9, 9),
    ("352", 6, 11),
    ("353", 7, 9),
    ("354", 7, 9),
    ("355", 8, 9),
    ("356", 8, 8),
    ("357", 8, 8),
    ("358", 6, 11),
    ("359", 8, 9),
    ("370", 8, 8),
    ("371", 8, 8),
    ("372", 7, 8),
    ("380", 9, 9),
    ("385", 8, 9),
    ("386", 8, 8),
    ("420", 9, 9),
    ("421", 9, 9),
    ("852", 8, 8),
    ("853", 8, 8),
    ("855", 8, 9),
    ("880", 10, 10),
    ("886", 8, 9),
    ("961", 7, 8),
    ("962", 8, 9),
    ("966", 9, 9),
    ("971", 8, 9),
    ("972", 8, 9),
    ("974", 8, 8),
    ("977", 8, 10),
];

/// The digit groups of a phone number as written, or `None` when it holds
/// anything but digits, `+`, parentheses and single separators.
fn phone_groups(value: &str) -> Option<Vec<&str>> {
    if !value
        .chars()
        .all(|c| c.is_ascii_digit() || " .-/()+".contains(c))
    {
        return None;
    }
    Some(
        value
            .split(|c: char| !c.is_ascii_digit())
            .filter(|g| !g.is_empty())
            .collect(),
    )
}

/// Numbers set aside for fiction and documentation: the UK drama ranges
/// (Ofcom) as they appear after the country code or trunk 0.
const DRAMA_RANGES: &[&str] = &[
    "2079460", "7700900", "1632960", "1134960", "1144960", "1154960", "1164960", "1174960",
    "1184960", "1214960", "1314960", "1414960", "1514960", "1614960",
];

/// Filler and documentation numbers: six of one digit in a row, a
/// counting run, the NANP fictional 555-01xx range and the UK drama
/// ranges.
fn filler_number(digits: &str) -> bool {
    let bytes = digits.as_bytes();
    let repeated = bytes.windows(6).any(|w| w.iter().all(|&b| b == w[0]));
    let counting = bytes
        .windows(6)
        .any(|w| w.windows(2).all(|p| p[1] == p[0] + 1) || w.windows(2).all(|p| p[1] + 1 == p[0]));
    let nanp_fiction = digits
        .get(digits.len().saturating_sub(7)..)
        .is_some_and(|tail| tail.len() == 7 && tail.starts_with("55501"));
    let drama = DRAMA_RANGES.iter().any(|range| digits.contains(range));
    repeated || counting || nanp_fiction || drama
}

/// The national number fits the country code's lengths (and, for the
/// North American plan, its area code and exchange rules).
fn fits_country(digits: &str) -> bool {
    CALLING_CODES.iter().any(|&(code, min, max)| {
        let Some(national) = digits.strip_prefix(code) else {
            return false;
        };
        let nanp_ok = code != "1"
            || (national.as_bytes().first().is_some_and(|&b| b >= b'2')
                && national.as_bytes().get(3).is_some_and(|&b| b >= b'2'));
        (min..=max).contains(&national.len()) && nanp_ok
    })
}

/// An international number `+CC …`: a known country code whose national
/// number has a length that country uses, 8 to 15 digits in all, and not
/// a filler or documentation number. A `(0)` trunk prefix is ignored.
pub(super) fn phone_international(value: &str) -> bool {
    let Some(rest) = value.strip_prefix('+') else {
        return false;
    };
    let rest = rest.replacen("(0)", "", 1);
    let Some(groups) = phone_groups(&rest) else {
        return false;
    };
    // One dot is a decimal point (`Decimal('+35236450.6')`); dotted phone
    // numbers have a dot between every group.
    if rest.contains('+') || rest.matches('.').count() == 1 {
        return false;
    }
    let digits: String = groups.concat();
    (8..=15).contains(&digits.len()) && fits_country(&digits) && !filler_number(&digits)
}

/// A phone number written after a phone label: international (`+` or
/// `00`) numbers must fit their country; national ones need 8 to 12
/// digits, and neither may look like a date, a version, an IP address or
/// a long reference number.
pub(super) fn phone_national(value: &str) -> bool {
    if value.starts_with('+') {
        return phone_international(value);
    }
    let Some(groups) = phone_groups(value) else {
        return false;
    };
    if value.contains('+') {
        return false;
    }
    let digits: String = groups.concat();
    if let Some(international) = digits.strip_prefix("00") {
        return phone_international(&format!("+{international}"));
    }
    if !(8..=12).contains(&digits.len()) || filler_number(&digits) {
        return false;
    }
    let dotted_short = value.contains('.') && groups.iter().all(|g| g.len() <= 3);
    let date_like = groups.len() == 3 && {
        let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
        matches!(lens.as_slice(), [4, 1..=2, 1..=2] | [1..=2, 1..=2, 4])
    };
    !dotted_short && !date_like
}

/// A date of birth: `YYYY-MM-DD`, `DD.MM.YYYY` or `DD/MM/YYYY` (or the US
/// month-first order) with a year from 1900 to 2039 and a real day.
pub(super) fn date_of_birth(value: &str) -> bool {
    let parts: Vec<&str> = value.split(['-', '.', '/']).collect();
    let [a, b, c] = parts.as_slice() else {
        return false;
    };
    let num = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (Some(x), Some(y), Some(z)) = (num(a), num(b), num(c)) else {
        return false;
    };
    let (year, first, second) = if a.len() == 4 {
        (x, y, z)
    } else if c.len() == 4 {
        (z, y, x)
    } else {
        return false;
    };
    let valid = |month: u32, day: u32| {
        let days = match month {
            2 => 29,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return false,
        };
        (1..=days).contains(&day)
    };
    // Year-first is always year-month-day; day-first and month-first both
    // occur with the year last.
    let date_ok = if a.len() == 4 {
        valid(first, second)
    } else {
        valid(first, second) || valid(second, first)
    };
    (1900..=2039).contains(&year) && date_ok
}

/// A passport number: 6 to 9 capital letters and digits, mostly digits,
/// and not a counting run or one repeated character.
pub(super) fn passport(value: &str) -> bool {
    let bytes = value.as_bytes();
    let digits = bytes.iter().filter(|b| b.is_ascii_digit()).count();
    (6..=9).contains(&bytes.len())
        && bytes
            .iter()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
        && digits * 2 >= bytes.len()
        && !filler_number(&value.replace(|c: char| !c.is_ascii_digit(), ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_keeps_people_and_drops_roles_and_docs() {
        assert!(email("r.alvarez@fastmail.fm"));
        assert!(email("m.jansen+news@kpn-mail.nl"));
        assert!(email("barry@python.org"));
        assert!(!email("noreply@github.com"));
        assert!(!email("no-reply-7@accounts.google.com"));
        assert!(!email("postmaster@python.org"));
        assert!(!email("alice@example.com"));
        assert!(!email("alice@mail.example.org"));
        assert!(!email("alice@server.test"));
        assert!(!email("git@github.com"));
        assert!(!email("ledger@ledger-prod-7731.iam.gserviceaccount.com"));
        assert!(!email("4178+ralvarez@users.noreply.github.com"));
        assert!(!email("icon@2x.png"));
        assert!(!email("self@node.attribute"));
        assert!(!email("two@two.org"));
        assert!(!email("@"));
        assert!(!email("alice@"));
    }

    #[test]
    fn international_phone_fits_its_country() {
        assert!(phone_international("+44 20 3917 4622"));
        assert!(phone_international("+49 (0)30 2589 4471"));
        assert!(phone_international("+1 (415) 826-3190"));
        assert!(phone_international("+33 6 71 84 29 53"));
        assert!(!phone_international("+44 20 3917 46"), "too short for GB");
        assert!(!phone_international("+1 (115) 826-3190"), "area code 1xx");
        assert!(
            !phone_international("+1 415 555 0132"),
            "fictional 555-01xx"
        );
        assert!(
            !phone_international("+44 20 7946 0958"),
            "Ofcom drama range"
        );
        assert!(!phone_international("+1 234 567 8901"), "counting run");
        assert!(!phone_international("+999 1234 5678"), "no such country");
        assert!(!phone_international("+2023-01-15"));
        assert!(!phone_international("+35236450.6"), "a decimal number");
        assert!(phone_international("+1.415.826.3190"));
    }

    #[test]
    fn national_phone_is_not_a_date_version_or_address() {
        assert!(phone_national("030 2589 4471"));
        assert!(phone_national("(415) 826-3190"));
        assert!(phone_national("0044 20 3917 4622"));
        assert!(!phone_national("2024-03-15"));
        assert!(!phone_national("15.03.2024"));
        assert!(!phone_national("192.168.100.254"));
        assert!(!phone_national("3.11.4.250"));
        assert!(!phone_national("4021"), "too short");
        assert!(!phone_national("20240315093011"), "long reference");
    }

    #[test]
    fn date_of_birth_orders() {
        assert!(date_of_birth("1984-03-12"));
        assert!(date_of_birth("12.03.1984"));
        assert!(date_of_birth("03/27/1984"), "US month first");
        assert!(!date_of_birth("1984-13-12"));
        assert!(!date_of_birth("32.03.1984"));
        assert!(!date_of_birth("12.03.84"));
        assert!(!date_of_birth("1.2.3"));
    }

    #[test]
    fn passport_shape() {
        assert!(passport("C7KX4P291"));
        assert!(passport("548213907"));
        assert!(!passport("REQUIRED"));
        assert!(!passport("123456789"));
        assert!(!passport("ABC12"));
    }
}
