//! Detection rules: data, not code.
//!
//! Each provider has one TOML file under `scanner-core/rules/`, compiled into
//! the binary by `build.rs`. A rule names its risk, a reference for the
//! format, the keywords that must appear near a match (the prefilter), a
//! `regex-lite` pattern, an optional validator, and its own positive and
//! negative examples, which `tests/rule_examples.rs` runs.
//!
//! ```toml
//! [[rule]]
//! id = "aws.access_key_id"
//! name = "AWS access key ID"
//! category = "secret"            # secret | pii
//! severity = "high"              # low | medium | high | critical
//! confidence = "high"            # confidence when the pattern matches
//! risk = "Identifies an AWS credential; with its secret key it grants API access."
//! reference = "https://docs.aws.amazon.com/IAM/latest/UserGuide/..."
//! keywords = ["AKIA", "ASIA"]    # ASCII case-insensitive literals
//! # lookbehind = 64, window = 256: bytes before / after a keyword hit
//! # that a match may span (the engine widens for longer matches)
//! pattern = '''\b((?:AKIA|ASIA)[A-Z2-7]{16})\b'''
//! examples = ["key = AKIAZ4QW7RT2LX5MN3PB"]
//! negative_examples = ["AKIAIOSFODNN7EXAMPLE"]
//! ```
//!
//! The secret is the capture group named `secret`, else group 1, else the
//! whole match.
//!
//! Two shared pieces keep the context forms the same for every rule:
//! `{assign}` after a key name matches whatever joins it to its value
//! (`=`, `:`, a type annotation, `name="key" value="…"`, `<key>…`, prose
//! such as `the key for prod: …`, or a CSV column), and `{csv}` after a
//! label matches from a column header to a cell of a later row. Keyword
//! spellings are widened the same way: `national number` also finds
//! `national_number`, `national-number` and `NationalNumber`.
//!
//! A secret that is only half of a credential names its other half:
//! `pair_with = ["aws.access_key_id"]` (rule ids) and `pair_within = 1024`
//! (bytes between the two matches, the default). A hit of the partner that
//! near, in the same part, is merged into this rule's finding, which then
//! has high confidence, `paired_with` and `paired_location`; the partner is
//! not reported on its own. Ids that name no rule of the set are ignored,
//! so a custom rule may pair with a built-in one. With `pair_shape` (a
//! pattern the whole value must match, e.g. `[A-Za-z0-9/+]{40}`), a
//! generic-tier secret of that shape near a partner is taken as this rule's
//! secret: `S3_SECRET=…` next to an AWS key id is one AWS credential.

use crate::report::{Category, Confidence, Severity};
use crate::validate::Validator;
use serde::Deserialize;
use std::fmt;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// How candidates for a rule are found before its pattern runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prefilter {
    /// Any of the rule's `keywords` (the default).
    Keywords,
    /// A run of at least `min_digits` digits in groups of two or more,
    /// joined by single spaces or dashes: cards, IBANs, national id numbers.
    Digits,
}

/// Whether a rule names a specific token format or is a catch-all. When two
/// rules match the same text, the specific one wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Generic,
    Specific,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    id: String,
    name: String,
    category: Category,
    severity: Severity,
    #[serde(default = "default_confidence")]
    confidence: Confidence,
    risk: String,
    reference: String,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default = "default_prefilter")]
    prefilter: Prefilter,
    #[serde(default = "default_min_digits")]
    min_digits: usize,
    pattern: String,
    #[serde(default)]
    validator: Option<Validator>,
    #[serde(default)]
    min_entropy: Option<f64>,
    #[serde(default = "default_tier")]
    tier: Tier,
    /// Bytes after a keyword hit that a match may reach before the engine
    /// has to widen its search; raise it for long multi-line secrets such
    /// as private keys.
    #[serde(default = "default_window")]
    window: usize,
    /// Bytes before a keyword hit where a match may start.
    #[serde(default = "default_lookbehind")]
    lookbehind: usize,
    /// Skip the shared placeholder filter (for formats where words like
    /// `example` can be part of a real value).
    #[serde(default)]
    allow_placeholders: bool,
    /// Rules whose hits are the other half of this credential.
    #[serde(default)]
    pair_with: Vec<String>,
    /// Most bytes between this rule's hit and a partner's.
    #[serde(default = "default_pair_within")]
    pair_within: usize,
    /// Shape of this rule's secret, to recognise it in a generic hit.
    #[serde(default)]
    pair_shape: Option<String>,
    examples: Vec<String>,
    #[serde(default)]
    negative_examples: Vec<String>,
}

fn default_confidence() -> Confidence {
    Confidence::Medium
}
fn default_prefilter() -> Prefilter {
    Prefilter::Keywords
}
fn default_min_digits() -> usize {
    9
}
fn default_tier() -> Tier {
    Tier::Specific
}
fn default_window() -> usize {
    256
}
fn default_lookbehind() -> usize {
    64
}
fn default_pair_within() -> usize {
    1024
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    rule: Vec<RuleSpec>,
}

/// One compiled detection rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub name: String,
    pub category: Category,
    pub severity: Severity,
    pub confidence: Confidence,
    pub risk: String,
    pub reference: String,
    pub keywords: Vec<String>,
    pub prefilter: Prefilter,
    pub min_digits: usize,
    pub pattern: Pattern,
    pub validator: Option<Validator>,
    pub min_entropy: Option<f64>,
    pub tier: Tier,
    pub window: usize,
    pub lookbehind: usize,
    pub allow_placeholders: bool,
    /// Ids of the rules whose hits complete this one (see the module doc).
    pub pair_with: Vec<String>,
    pub pair_within: usize,
    /// Anchored: a generic secret must match it whole.
    pub pair_shape: Option<regex_lite::Regex>,
    pub examples: Vec<String>,
    pub negative_examples: Vec<String>,
    /// File the rule came from (provider name for built-ins).
    pub source: String,
    /// A chain of (byte set, n): every match of `pattern` holds, in this
    /// order and without overlap, `n` bytes of each set in a row (worked out
    /// at build time for the built-in rules, see `build_required.rs`; empty
    /// for other rules). A window without the chain cannot hold a match.
    pub(crate) required: Vec<([bool; 256], usize)>,
}

/// A rule's pattern (its shared pieces expanded), compiled on first use for
/// the built-in rules: a process that scans one small file needs only the
/// few rules whose keywords it holds, and compiling all of them was most of
/// the start-up time. Derefs to the compiled [`regex_lite::Regex`].
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    compiled: std::sync::OnceLock<(regex_lite::Regex, usize)>,
}

impl Pattern {
    /// Compiled now: a rule that does not compile is refused at load time.
    fn eager(source: String) -> Result<Pattern, regex_lite::Error> {
        let regex = regex_lite::Regex::new(&source)?;
        let compiled = std::sync::OnceLock::new();
        let _ = compiled.set(Self::with_group(regex));
        Ok(Pattern { source, compiled })
    }

    /// Compiled on first use; only for the built-in rules, which
    /// `tests/rule_examples.rs` compiles one and all.
    fn lazy(source: String) -> Pattern {
        Pattern {
            source,
            compiled: std::sync::OnceLock::new(),
        }
    }

    fn with_group(regex: regex_lite::Regex) -> (regex_lite::Regex, usize) {
        let group = regex
            .capture_names()
            .position(|name| name == Some("secret"))
            .unwrap_or(if regex.captures_len() > 1 { 1 } else { 0 });
        (regex, group)
    }

    fn get(&self) -> &(regex_lite::Regex, usize) {
        self.compiled.get_or_init(|| {
            Self::with_group(
                regex_lite::Regex::new(&self.source).expect("a built-in rule's pattern compiles"),
            )
        })
    }

    /// The capture group holding the secret: the one named `secret`, else
    /// group 1, else the whole match.
    pub(crate) fn secret_group(&self) -> usize {
        self.get().1
    }

    /// Whether the pattern has been compiled yet.
    pub fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }
}

impl std::ops::Deref for Pattern {
    type Target = regex_lite::Regex;

    fn deref(&self) -> &regex_lite::Regex {
        &self.get().0
    }
}

/// A rule file that failed to load, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub source: String,
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.rule {
            Some(rule) => write!(
                f,
                "rule file {}: rule {rule}: {}",
                self.source, self.message
            ),
            None => write!(f, "rule file {}: {}", self.source, self.message),
        }
    }
}

impl std::error::Error for RuleError {}

/// A set of compiled rules with their prefilter.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub(crate) rules: Vec<Rule>,
    /// Prefilter over every keyword of every rule; keyword `i` maps to
    /// `keyword_rules[i]`.
    pub(crate) keywords: crate::detect::Keywords,
    pub(crate) keyword_rules: Vec<Vec<usize>>,
    /// Fewest digits any digit-prefiltered rule needs.
    pub(crate) shortest_digit_run: usize,
    /// Rules whose candidates come from digit runs.
    pub(crate) digit_rules: Vec<usize>,
    /// Per rule, the indices of the rules named in its `pair_with`.
    pub(crate) partners: Vec<Vec<usize>>,
    /// Per rule, the farthest any rule pairs with it; `None` when no rule
    /// names it in `pair_with`.
    pub(crate) partner_reach: Vec<Option<usize>>,
}

impl RuleSet {
    /// The rules compiled into this build.
    pub fn builtin() -> Result<RuleSet, RuleError> {
        Self::load(
            BUILTIN_RULE_FILES.iter().map(|(name, text)| (*name, *text)),
            true,
        )
    }

    /// Compile rule files given as `(source name, TOML text)`.
    pub fn from_sources<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<RuleSet, RuleError> {
        Self::load(sources, false)
    }

    /// [`Self::from_sources`]; `lazy` leaves each pattern to be compiled
    /// on first use (for the built-in rules only, see [`Pattern`]).
    fn load<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
        lazy: bool,
    ) -> Result<RuleSet, RuleError> {
        let mut rules = Vec::new();
        for (source, text) in sources {
            for spec in parse_file(source, text)?.rule {
                rules.push(compile(source, spec, lazy)?);
            }
        }
        let mut seen = std::collections::HashSet::new();
        for rule in &rules {
            if !seen.insert(rule.id.as_str()) {
                return Err(RuleError {
                    source: rule.source.clone(),
                    rule: Some(rule.id.clone()),
                    message: "duplicate rule id".into(),
                });
            }
        }
        Self::index(rules)
    }

    /// The built-in rules plus custom rule files given as `(source name,
    /// TOML text)` in the same format. A custom rule may not reuse a
    /// built-in id, and must find each of its own examples and none of its
    /// negative examples, or the whole set is refused; errors name the rule
    /// and the example's index, never the example.
    pub fn with_custom(custom: &[(&str, &str)]) -> Result<RuleSet, RuleError> {
        let builtin = crate::Scanner::builtin().rules();
        let mut rules = builtin.rules.clone();
        for (source, text) in custom {
            for spec in parse_file(source, text)?.rule {
                let line = definition_line(text, &spec.id);
                let at_line = |mut err: RuleError| {
                    if let Some(line) = line {
                        err.message = format!("line {line}: {}", err.message);
                    }
                    err
                };
                let rule = compile(source, spec, false).map_err(at_line)?;
                if let Some(other) = rules.iter().find(|r| r.id == rule.id) {
                    let message = if builtin.rules.iter().any(|r| r.id == rule.id) {
                        "the id is taken by a built-in rule; give custom rules their own \
                         provider prefix, e.g. `acme.api_token`"
                            .to_string()
                    } else {
                        format!("duplicate rule id (also in {})", other.source)
                    };
                    return Err(at_line(RuleError {
                        source: source.to_string(),
                        rule: Some(rule.id),
                        message,
                    }));
                }
                rules.push(rule);
            }
        }
        let first_custom = builtin.len();
        let set = Self::index(rules)?;
        set.check_examples(first_custom)?;
        Ok(set)
    }

    /// Runs the rules from index `from` on against their own examples, the
    /// way `tests/rule_examples.rs` does for the built-in ones.
    fn check_examples(&self, from: usize) -> Result<(), RuleError> {
        let scanner = crate::Scanner::new(self.clone());
        let options = crate::ScanOptions {
            ignore_inline_allow: true,
            ..crate::ScanOptions::default()
        };
        let rules_found = |text: &str| -> Vec<String> {
            scanner
                .scan(text.as_bytes(), "example.txt", &options)
                .map(|report| report.findings.into_iter().map(|f| f.rule).collect())
                .unwrap_or_default()
        };
        for rule in &self.rules[from..] {
            let fail = |message: String| RuleError {
                source: rule.source.clone(),
                rule: Some(rule.id.clone()),
                message,
            };
            for (index, example) in rule.examples.iter().enumerate() {
                let found = rules_found(example);
                if !found.contains(&rule.id) {
                    let instead = if found.is_empty() {
                        String::new()
                    } else {
                        format!(" (found by {} instead)", found.join(", "))
                    };
                    return Err(fail(format!(
                        "does not find its own example #{index}{instead}; fix the pattern, \
                         keywords or example (placeholder-like values are ignored)"
                    )));
                }
            }
            for (index, example) in rule.negative_examples.iter().enumerate() {
                if rules_found(example).contains(&rule.id) {
                    return Err(fail(format!(
                        "flags its own negative example #{index}; tighten the pattern"
                    )));
                }
            }
        }
        Ok(())
    }

    fn index(rules: Vec<Rule>) -> Result<RuleSet, RuleError> {
        let mut keywords: Vec<String> = Vec::new();
        let mut keyword_rules: Vec<Vec<usize>> = Vec::new();
        // Keyword → its index in `keywords` (there are well over a thousand).
        let mut keyword_index: std::collections::HashMap<String, usize> =
            std::collections::HashMap::new();
        let mut digit_rules = Vec::new();
        for (index, rule) in rules.iter().enumerate() {
            match rule.prefilter {
                Prefilter::Digits => digit_rules.push(index),
                Prefilter::Keywords => {
                    for keyword in rule.keywords.iter().flat_map(|k| keyword_spellings(k)) {
                        match keyword_index.get(&keyword) {
                            Some(&at) if keyword_rules[at].contains(&index) => {}
                            Some(&at) => keyword_rules[at].push(index),
                            None => {
                                keyword_index.insert(keyword.clone(), keywords.len());
                                keywords.push(keyword);
                                keyword_rules.push(vec![index]);
                            }
                        }
                    }
                }
            }
        }
        let keywords = crate::detect::Keywords::new(&keywords);
        let shortest_digit_run = digit_rules
            .iter()
            .map(|&rule: &usize| rules[rule].min_digits)
            .min()
            .unwrap_or(usize::MAX);
        let partners: Vec<Vec<usize>> = rules
            .iter()
            .map(|rule| {
                rule.pair_with
                    .iter()
                    .filter_map(|id| rules.iter().position(|other| other.id == *id))
                    .collect()
            })
            .collect();
        let mut partner_reach: Vec<Option<usize>> = vec![None; rules.len()];
        for (rule, named) in rules.iter().zip(&partners) {
            for &partner in named {
                let reach = &mut partner_reach[partner];
                *reach = Some(reach.map_or(rule.pair_within, |r| r.max(rule.pair_within)));
            }
        }
        Ok(RuleSet {
            rules,
            partners,
            partner_reach,
            shortest_digit_run,
            keywords,
            keyword_rules,
            digit_rules,
        })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

fn parse_file(source: &str, text: &str) -> Result<RuleFile, RuleError> {
    toml::from_str(text).map_err(|err| {
        let at = match err.span() {
            Some(span) => {
                let (line, column) = crate::allow::line_column(text, span.start);
                format!("line {line}, column {column}: ")
            }
            None => String::new(),
        };
        RuleError {
            source: source.to_string(),
            rule: None,
            message: format!(
                "{at}{}",
                crate::allow::withhold_values(err.message().trim())
            ),
        }
    })
}

/// The line of `id = "<id>"` in a rule file, for error messages.
fn definition_line(text: &str, id: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            line.starts_with("id") && line.contains(&format!("\"{id}\""))
        })
        .map(|index| index + 1)
}

/// A keyword, lowercased, and the spellings of it that name the same thing
/// in prose, a key or a column name: a space or `_` between two words may
/// also be written as the other, `-` or nothing (`national number`,
/// `national_number`, `NationalNumber`, `CargoRegistryToken`), which the
/// patterns allow with `[ _\-]?`.
fn keyword_spellings(keyword: &str) -> Vec<String> {
    let keyword = keyword.to_ascii_lowercase();
    let bytes = keyword.as_bytes();
    let joiner_at = |i: usize| {
        i > 0
            && matches!(bytes[i], b' ' | b'_')
            && bytes[i - 1].is_ascii_alphanumeric()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
    };
    let inner_space = (0..bytes.len()).any(joiner_at);
    if !inner_space {
        return vec![keyword];
    }
    let mut spellings = vec![keyword.clone()];
    for joiner in [" ", "_", "-", ""] {
        let mut joined = String::with_capacity(keyword.len());
        for (i, c) in keyword.char_indices() {
            if joiner_at(i) {
                joined.push_str(joiner);
            } else {
                joined.push(c);
            }
        }
        if joined.len() >= 3 && !spellings.contains(&joined) {
            spellings.push(joined);
        }
    }
    spellings
}

include!("pattern_macros.rs");

/// The required byte sets worked out at build time for the built-in rule
/// with this id, if `pattern` is the one they were worked out from.
fn builtin_required(id: &str, pattern: &str) -> Vec<([bool; 256], usize)> {
    let Ok(at) = BUILTIN_REQUIRED.binary_search_by(|(other, _, _)| (*other).cmp(id)) else {
        return Vec::new();
    };
    let (_, analysed, sets) = BUILTIN_REQUIRED[at];
    if analysed != pattern {
        return Vec::new();
    }
    sets.iter()
        .map(|(words, run)| {
            let set = std::array::from_fn(|byte| words[byte / 64] >> (byte % 64) & 1 == 1);
            (set, *run)
        })
        .collect()
}

/// Longest keyword a rule may have (the built-in longest is 32 bytes):
/// detection looks this far around every keyword hit, so a 64 KB keyword
/// made a flood of another keyword's hits take hours.
const MAX_KEYWORD_LEN: usize = 64;

fn compile(source: &str, spec: RuleSpec, lazy: bool) -> Result<Rule, RuleError> {
    let fail = |message: String| RuleError {
        source: source.to_string(),
        rule: Some(spec.id.clone()),
        message,
    };
    let expanded = expand_macros(&spec.pattern).into_owned();
    let pattern = if lazy {
        Pattern::lazy(expanded)
    } else {
        Pattern::eager(expanded).map_err(|err| fail(format!("pattern: {err}")))?
    };
    if spec.prefilter == Prefilter::Keywords
        && (spec.keywords.is_empty()
            || spec
                .keywords
                .iter()
                .any(|k| !(3..=MAX_KEYWORD_LEN).contains(&k.len())))
    {
        // Short keywords fire everywhere and make the prefilter useless;
        // every keyword hit searches as far around it as the longest
        // keyword, so one long keyword slows every hit of the others.
        return Err(fail(format!(
            "keywords: give at least one, each 3 to {MAX_KEYWORD_LEN} bytes long"
        )));
    }
    if spec.examples.is_empty() {
        return Err(fail("needs at least one positive example".into()));
    }
    let pair_shape = spec
        .pair_shape
        .as_deref()
        .map(|shape| regex_lite::Regex::new(&format!("^(?:{shape})$")))
        .transpose()
        .map_err(|err| fail(format!("pair_shape: {err}")))?;
    let required = builtin_required(&spec.id, &spec.pattern);
    Ok(Rule {
        required,
        pattern,
        pair_shape,
        source: source.to_string(),
        id: spec.id,
        name: spec.name,
        category: spec.category,
        severity: spec.severity,
        confidence: spec.confidence,
        risk: spec.risk,
        reference: spec.reference,
        keywords: spec.keywords,
        prefilter: spec.prefilter,
        min_digits: spec.min_digits,
        validator: spec.validator,
        min_entropy: spec.min_entropy,
        tier: spec.tier,
        window: spec.window,
        lookbehind: spec.lookbehind,
        allow_placeholders: spec.allow_placeholders,
        pair_with: spec.pair_with,
        pair_within: spec.pair_within,
        examples: spec.examples,
        negative_examples: spec.negative_examples,
    })
}

#[cfg(test)]
mod context_tests {
    use super::*;

    /// Built-in patterns wait for their first use, so one that does not
    /// compile would fail a scan, not the load: every one must compile.
    #[test]
    fn builtin_patterns_compile_on_first_use_and_all_compile() {
        let set = RuleSet::builtin().unwrap();
        assert!(set.rules.iter().all(|rule| !rule.pattern.is_compiled()));
        for rule in &set.rules {
            if let Err(err) = regex_lite::Regex::new(&rule.pattern.source) {
                panic!("{}: {err}", rule.id);
            }
            assert!(rule.pattern.secret_group() < rule.pattern.captures_len());
            assert!(rule.pattern.is_compiled());
        }
        let custom = RuleSet::from_sources(BUILTIN_RULE_FILES.iter().copied()).unwrap();
        assert!(custom.rules.iter().all(|rule| rule.pattern.is_compiled()));
    }

    #[test]
    fn keywords_are_spelled_with_any_word_joiner() {
        assert_eq!(
            keyword_spellings("National number"),
            [
                "national number",
                "national_number",
                "national-number",
                "nationalnumber"
            ]
        );
        assert_eq!(
            keyword_spellings("cargo_registry_token")[3],
            "cargoregistrytoken"
        );
        // Leading and trailing joiners are part of the keyword, not word joiners.
        assert_eq!(keyword_spellings("_key="), ["_key="]);
        assert_eq!(keyword_spellings("sin "), ["sin "]);
    }

    #[test]
    fn assign_finds_values_in_every_context_form() {
        let pattern = regex_lite::Regex::new(&expand_macros(
            r"(?i)acme[\w.\- ]{0,20}?(?:token|key)\w{0,10}{assign}(?P<secret>[a-f0-9]{32})(?:[^a-f0-9]|$)",
        ))
        .unwrap();
        let value = "0123456789abcdef0123456789abcdef";
        for form in [
            "ACME_TOKEN=V",
            "acme_token: \"V\"",
            "acme_token: str = \"V\"",
            "const ACME_KEY: &str = \"V\";",
            "<input type=\"hidden\" name=\"acme_token\" value=\"V\">",
            "<add key=\"AcmeToken\" value=\"V\" />",
            "<acme_token>V</acme_token>",
            "the Acme token for billing changed. New value:\nV\n",
            "mon Acme key est V (à changer)",
            "service,acme_token,owner\nbilling,n/a,ops\ncheckout,V,ops\n",
        ] {
            let text = form.replace('V', value);
            let found = pattern.captures(&text).and_then(|c| c.name("secret"));
            assert_eq!(found.map(|m| m.as_str()), Some(value), "{form}");
        }
        for form in [
            "\"acme_token_count\": 3, \"sha\": \"V\"",
            "acme_token = lookup(V)",
            "f(acme_token, {\"x\": 1})\nV,\n",
            "/* goes to the acme token, root certs got to\n * the fixed one */\n    V\n",
        ] {
            let text = form.replace('V', value);
            assert!(!pattern.is_match(&text), "{form}");
        }
    }
}
