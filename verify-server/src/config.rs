//! Server configuration: the parsed flags and environment, checked once at
//! startup so a bad setting stops the server before it takes traffic.

use crate::audit::AuditLocation;
use crate::auth::ApiTokens;
use crate::cli::{OverridePolicy, ServeArgs};
use crate::scan_policy::ScanPolicy;
use scanner_core::{Limits, ScanOptions};
use std::fmt;
use std::time::Duration;

/// Environment variable holding the fingerprint key.
pub const FINGERPRINT_KEY_ENV: &str = "NOSPILL_FINGERPRINT_KEY";

/// Shortest accepted fingerprint key. Fingerprints of low-entropy values
/// (card numbers, SSNs) are only as hard to reverse as the key is to guess.
const MIN_KEY_BYTES: usize = 16;

/// Everything `serve` needs, validated.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub listen: String,
    pub max_body_bytes: u64,
    pub scan_timeout: Duration,
    pub request_timeout: Duration,
    pub max_concurrent_scans: usize,
    pub fingerprint_key: FingerprintKey,
    pub audit_db: AuditLocation,
    /// `None`: the API is open (quick start on localhost).
    pub api_tokens: Option<ApiTokens>,
    pub overrides: OverridePolicy,
    /// Rules, allowlist and verdict policy, loaded at startup.
    pub policy: ScanPolicy,
}

impl ServeConfig {
    pub fn from_args(args: ServeArgs) -> Result<Self, ConfigError> {
        let fingerprint_key = match FingerprintKey::from_env()? {
            Some(key) => key,
            None => FingerprintKey::random()?,
        };
        let max_concurrent_scans = match args.max_concurrent_scans {
            Some(n) => n as usize,
            None => std::thread::available_parallelism().map_or(2, usize::from),
        };
        let policy = ScanPolicy::load(&args.policy)?;
        Ok(ServeConfig {
            listen: args.listen,
            max_body_bytes: args.max_body_bytes,
            scan_timeout: Duration::from_secs(args.scan_timeout_secs),
            request_timeout: Duration::from_secs(args.request_timeout_secs),
            max_concurrent_scans,
            fingerprint_key,
            audit_db: AuditLocation::parse(&args.audit_db),
            api_tokens: ApiTokens::from_env()?,
            overrides: args.overrides,
            policy,
        })
    }

    /// How the server scans every upload. `include_secrets` is always false:
    /// the server stores and sends reports, so they must never hold a secret.
    pub fn scan_options(&self) -> ScanOptions {
        self.policy.options(ScanOptions {
            limits: Limits {
                max_input_bytes: self.max_body_bytes,
                time_budget_ms: self.scan_timeout.as_millis() as u64,
                ..Limits::default()
            },
            fingerprint_key: Some(self.fingerprint_key.bytes.clone()),
            include_secrets: false,
            ..ScanOptions::default()
        })
    }
}

/// Where the fingerprint key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyOrigin {
    Env,
    /// Generated at startup: fingerprints do not match across restarts or
    /// replicas.
    Random,
}

impl KeyOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyOrigin::Env => "env",
            KeyOrigin::Random => "random",
        }
    }
}

/// The secret that keys finding fingerprints. `Debug` never shows it.
#[derive(Clone)]
pub struct FingerprintKey {
    bytes: Vec<u8>,
    pub origin: KeyOrigin,
}

impl fmt::Debug for FingerprintKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FingerprintKey")
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

impl FingerprintKey {
    /// The key from `NOSPILL_FINGERPRINT_KEY`, if set.
    pub fn from_env() -> Result<Option<Self>, ConfigError> {
        match std::env::var_os(FINGERPRINT_KEY_ENV) {
            None => Ok(None),
            Some(value) => Self::from_value(value.as_encoded_bytes()).map(Some),
        }
    }

    fn from_value(value: &[u8]) -> Result<Self, ConfigError> {
        if value.len() < MIN_KEY_BYTES {
            return Err(ConfigError {
                subject: FINGERPRINT_KEY_ENV.into(),
                problem: format!("is shorter than {MIN_KEY_BYTES} bytes"),
                fix: "set it to a long random secret, e.g. the output of `openssl rand -hex 32`"
                    .into(),
            });
        }
        Ok(FingerprintKey {
            bytes: value.to_vec(),
            origin: KeyOrigin::Env,
        })
    }

    /// A fresh random key for this process only.
    pub fn random() -> Result<Self, ConfigError> {
        let mut bytes = vec![0u8; 32];
        getrandom::fill(&mut bytes).map_err(|err| ConfigError {
            subject: FINGERPRINT_KEY_ENV.into(),
            problem: format!("is not set and no random key could be made ({err})"),
            fix: "set it to a long random secret, e.g. the output of `openssl rand -hex 32`".into(),
        })?;
        Ok(FingerprintKey {
            bytes,
            origin: KeyOrigin::Random,
        })
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// A setting that cannot be used, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub subject: String,
    pub problem: String,
    pub fix: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}; {}", self.subject, self.problem, self.fix)
    }
}

impl std::error::Error for ConfigError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keys_are_refused_without_echoing_them() {
        let err = FingerprintKey::from_value(b"short-key").unwrap_err();
        assert!(err.to_string().contains("shorter than 16 bytes"));
        assert!(!err.to_string().contains("short-key"));
    }

    #[test]
    fn debug_output_hides_the_key() {
        let key = FingerprintKey::from_value(b"a-very-secret-fingerprint-key").unwrap();
        let shown = format!("{key:?}");
        assert!(!shown.contains("very-secret"), "{shown}");
        assert_eq!(key.bytes(), b"a-very-secret-fingerprint-key");
    }

    #[test]
    fn random_keys_differ() {
        let a = FingerprintKey::random().unwrap();
        let b = FingerprintKey::random().unwrap();
        assert_eq!(a.bytes().len(), 32);
        assert_ne!(a.bytes(), b.bytes());
        assert_eq!(a.origin, KeyOrigin::Random);
    }

    #[test]
    fn scan_options_follow_the_config_and_never_include_secrets() {
        let config = ServeConfig {
            listen: "127.0.0.1:0".into(),
            max_body_bytes: 4096,
            scan_timeout: Duration::from_secs(7),
            request_timeout: Duration::from_secs(60),
            max_concurrent_scans: 2,
            fingerprint_key: FingerprintKey::from_value(b"0123456789abcdef0123").unwrap(),
            audit_db: AuditLocation::Memory,
            api_tokens: None,
            overrides: OverridePolicy::Allow,
            policy: ScanPolicy::default(),
        };
        let options = config.scan_options();
        assert_eq!(options.limits.max_input_bytes, 4096);
        assert_eq!(options.limits.time_budget_ms, 7000);
        assert!(!options.include_secrets);
        assert_eq!(
            options.fingerprint_key.as_deref(),
            Some(&b"0123456789abcdef0123"[..])
        );
    }
}
