// Shared pattern pieces of the rule format, `{assign}` and `{csv}`: read by
// `rules.rs` (which compiles patterns) and by `build.rs` (which analyses the
// built-in patterns' required bytes), so both see the same expanded pattern.
// Included with `include!`, hence no inner doc comment.

/// A key that heads a column of comma-separated values (a CSV header, an SQL
/// `INSERT INTO t (…, key, …) VALUES (…)`), up to the start of a whole cell
/// in one of the next five lines: used as `{csv}` after a label, and one of
/// the forms of `{assign}`. The rule's own value pattern picks the cell.
/// The rest of the header line must be column names (one word each, or
/// quoted), so a comma after a key in prose, code, JSON or binary data is
/// no header.
macro_rules! CSV_COLUMN {
    () => {
        r#"["']?[ \t]*,(?:[ \t]*(?:[A-Za-z_][\w.\-]{0,40}|"[A-Za-z_][\w .\-]{0,40}")[ \t]*,)*[ \t]*(?:[A-Za-z_][\w.\-]{0,40}|"[A-Za-z_][\w .\-]{0,40}")[ \t]*\)?[ \t]*\r?\n(?:[^\n]*\n){0,4}?(?:[^\n]*,)?[ \t]*["']?"#
    };
}

/// What joins a key name to its value, in every form a credential is
/// written down in, for patterns to use as `{assign}` right after the key
/// name (after its closing quote, if any) and right before the value (which
/// may start with a quote):
///
/// - an assignment or mapping, `KEY=v`, `key: v`, `"key": "v"`, `key => 'v'`,
///   `$key := v`, `['key'] = v`, also with a type annotation
///   (`key: str = "v"`, `KEY: &str = "v"`, `val key: String = "v"`);
/// - an attribute pair naming the key, `name="key" value="v"`,
///   `<add key="Key" value="v" />`, `<meta name="key" content="v">`;
/// - an XML element or plist entry, `<key>v</key>`, `<key>Key</key><string>v`;
/// - prose, on the line or the next one: `the key for staging: v`,
///   `my key is v`, `le token pour la préprod : v`, `der Key ist v`,
///   `the key changed. New value:⏎v` (no quotes, brackets or `=` between, so
///   one JSON member does not reach into the next);
/// - a CSV column: the key is a header cell (a comma follows it) and the
///   value a whole cell of one of the next five lines.
///
/// The value's own shape and end stay the rule's: the separator only says
/// where a value may start.
pub(crate) const ASSIGN: &str = concat!(
    r#"(?:["'\]]{0,2}\s*(?::[ \t]*&?(?:'static[ \t]+)?[A-Za-z_][\w.:<>\[\]]{0,24}[ \t]*)?(?::=|=>|=|:)\s*(?:[bruf]?["'`])?"#,
    r#"|["'][ \t]+(?:[\w\-:]+[ \t]*=[ \t]*["'][^"'<>\n]{0,48}["'][ \t]+){0,3}(?:value|content|data-value)[ \t]*=[ \t]*["']"#,
    r#"|(?:["']?[ \t]*>|</key>\s*<string>)[ \t]*"#,
    r#"|[^\n"'`=,;(){}<>\[\]]{0,48}?(?::|[ \t](?:is|was|est|ist|lautet|es|é|är|er|jest|è))(?:[ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)(?:[`"'][ \t]*)?"#,
    "|",
    CSV_COLUMN!(),
    ")"
);

/// Expands the shared pattern pieces: `{assign}` (see [`ASSIGN`]) and
/// `{csv}` (see `CSV_COLUMN`).
pub(crate) fn expand_macros(pattern: &str) -> std::borrow::Cow<'_, str> {
    if pattern.contains("{assign}") || pattern.contains("{csv}") {
        std::borrow::Cow::Owned(
            pattern
                .replace("{assign}", ASSIGN)
                .replace("{csv}", CSV_COLUMN!()),
        )
    } else {
        std::borrow::Cow::Borrowed(pattern)
    }
}
