//! Hard negatives: files that look like they hold secrets or personal data
//! and hold none — the things scanners are noisy about.

use crate::check::crc32_base62;
use crate::keys;
use crate::pii;
use crate::rng::*;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

pub struct Negative {
    pub kind: &'static str,
    pub ext: &'static str,
    pub context: &'static str,
    pub generate: fn(&mut Rng) -> String,
}

fn lines(items: &[String]) -> String {
    let mut s = items.join("\n");
    s.push('\n');
    s
}

fn git_sha(r: &mut Rng) -> String {
    r.hex(40)
}

fn wrong_crc_token(r: &mut Rng, prefix: &str) -> String {
    let random = r.alnum(30);
    let good = crc32_base62(&random);
    let mut bad = good.clone().into_bytes();
    bad[5] = if bad[5] == b'A' { b'B' } else { b'A' };
    format!("{prefix}{random}{}", String::from_utf8_lossy(&bad))
}

fn sha256(r: &mut Rng) -> String {
    r.hex(64)
}

pub fn all() -> Vec<Negative> {
    vec![
        Negative {
            kind: "placeholder.angle",
            ext: "env",
            context: "env",
            generate: |r| {
                lines(&[
                    "# copy to .env and fill in".into(),
                    "OPENAI_API_KEY=<your-api-key>".into(),
                    format!(
                        "STRIPE_SECRET_KEY=<{}>",
                        r.pick(&["STRIPE_SECRET_KEY", "your-stripe-key", "insert key here"])
                    ),
                    "GITHUB_TOKEN=<YOUR_GITHUB_TOKEN>".into(),
                    "DB_PASSWORD=<password>".into(),
                    format!("PORT={}", r.range(3000, 9000)),
                ])
            },
        },
        Negative {
            kind: "placeholder.ellipsis",
            ext: "md",
            context: "markdown",
            generate: |r| {
                lines(&[
                    "## Configuration".into(),
                    String::new(),
                    "Set your key before running the examples:".into(),
                    String::new(),
                    "```bash".into(),
                    format!(
                        "export OPENAI_API_KEY=\"{}\"",
                        r.pick(&["sk-...", "sk-proj-...", "sk-…"])
                    ),
                    "export ANTHROPIC_API_KEY=\"sk-ant-...\"".into(),
                    "export GITHUB_TOKEN=ghp_...".into(),
                    "```".into(),
                    String::new(),
                    "Keys look like `xoxb-...` for Slack bots and `AKIA...` for AWS.".into(),
                ])
            },
        },
        Negative {
            kind: "placeholder.xxxx",
            ext: "yaml",
            context: "yaml",
            generate: |r| {
                lines(&[
                    "aws:".into(),
                    "  access_key_id: AKIAXXXXXXXXXXXXXXXX".into(),
                    format!("  secret_access_key: {}", "x".repeat(40)),
                    "database:".into(),
                    "  password: \"********\"".into(),
                    format!(
                        "  token: {}",
                        r.pick(&[
                            "XXXXXXXXXXXXXXXXXXXXXXXX",
                            "xxxx-xxxx-xxxx-xxxx",
                            "000000000000000000000000"
                        ])
                    ),
                    "  api_key: REPLACE_ME".into(),
                    "  client_secret: changeme".into(),
                ])
            },
        },
        Negative {
            kind: "placeholder.env_reference",
            ext: "yml",
            context: "yaml",
            generate: |r| {
                lines(&[
                    "name: deploy".into(),
                    "on: [push]".into(),
                    "jobs:".into(),
                    "  release:".into(),
                    "    runs-on: ubuntu-latest".into(),
                    "    env:".into(),
                    "      GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}".into(),
                    "      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}".into(),
                    format!(
                        "      DATABASE_URL: postgres://${{DB_USER}}:${{DB_PASSWORD}}@db:{}/app",
                        5432
                    ),
                    "      AWS_SECRET_ACCESS_KEY: $AWS_SECRET_ACCESS_KEY".into(),
                    format!(
                        "      API_KEY: ${{{}}}",
                        r.pick(&["API_KEY", "PARTNER_API_KEY"])
                    ),
                ])
            },
        },
        Negative {
            kind: "placeholder.template",
            ext: "j2",
            context: "template",
            generate: |r| {
                lines(&[
                    "[database]".into(),
                    "host = {{ db_host }}".into(),
                    "password = {{ secret }}".into(),
                    "api_key = {{ .Values.apiKey }}".into(),
                    format!(
                        "token = {{{{ vault_{}_token }}}}",
                        r.pick(&["deploy", "ci", "ops"])
                    ),
                    "client_secret = \"{{ lookup('env', 'CLIENT_SECRET') }}\"".into(),
                    "stripe_key = <%= ENV['STRIPE_KEY'] %>".into(),
                ])
            },
        },
        Negative {
            kind: "placeholder.symfony_env",
            ext: "yaml",
            context: "yaml",
            generate: |_| {
                lines(&[
                    "parameters:".into(),
                    "    database_url: '%env(resolve:DATABASE_URL)%'".into(),
                    "    mailer_password: '%env(MAILER_PASSWORD)%'".into(),
                    "    stripe_secret_key: '%env(STRIPE_SECRET_KEY)%'".into(),
                    "    app_secret: '%env(APP_SECRET)%'".into(),
                ])
            },
        },
        Negative {
            kind: "placeholder.code_env_lookup",
            ext: "py",
            context: "python",
            generate: |r| {
                lines(&[
                    "import os".into(),
                    String::new(),
                    "OPENAI_API_KEY = os.environ[\"OPENAI_API_KEY\"]".into(),
                    "DB_PASSWORD = os.getenv(\"DB_PASSWORD\")".into(),
                    format!(
                        "STRIPE_KEY = os.environ.get(\"STRIPE_KEY\", \"\")  # set in {}",
                        r.pick(&["CI", "vault", "the dashboard"])
                    ),
                    "# JS: const token = process.env.GITHUB_TOKEN;".into(),
                    "# Java: String secret = System.getenv(\"CLIENT_SECRET\");".into(),
                    "# C#: var key = Environment.GetEnvironmentVariable(\"API_KEY\");".into(),
                ])
            },
        },
        Negative {
            kind: "placeholder.redacted",
            ext: "log",
            context: "log",
            generate: |r| {
                lines(&[
            format!("2024-05-0{}T10:00:01Z INFO  [http] Authorization: Bearer ***", r.range(1, 9)),
            "2024-05-01T10:00:02Z INFO  [cfg] password=<redacted> token=[REDACTED]".into(),
            "2024-05-01T10:00:02Z INFO  [cfg] api_key=**************** secret=[FILTERED]".into(),
            "2024-05-01T10:00:03Z INFO  [db] connecting to postgresql://app:*****@db.internal:5432/orders".into(),
        ])
            },
        },
        Negative {
            kind: "docs.aws_example_keys",
            ext: "md",
            context: "markdown",
            generate: |_| {
                lines(&[
                    "To configure the CLI, run `aws configure` and enter your keys, for example:"
                        .into(),
                    String::new(),
                    "```".into(),
                    "AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE".into(),
                    "AWS Secret Access Key [None]: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
                    "Default region name [None]: us-west-2".into(),
                    "```".into(),
                ])
            },
        },
        Negative {
            kind: "docs.stripe_test_keys",
            ext: "js",
            context: "javascript",
            generate: |_| {
                lines(&[
            "// Stripe's documented test keys: they only work in test mode.".into(),
            "const stripe = require('stripe')('sk_test_4eC39HqLyjWDarjtT1zdp7dc');".into(),
            "const publishable = 'pk_test_TYooMQauvdEDq54NiTphI7jx';".into(),
            "await stripe.charges.create({ amount: 2000, currency: 'usd', source: 'tok_visa' });".into(),
        ])
            },
        },
        Negative {
            kind: "hash.git_sha",
            ext: "txt",
            context: "git-log",
            generate: |r| {
                let mut out = Vec::new();
                for _ in 0..6 {
                    out.push(format!("commit {}", git_sha(r)));
                    out.push(format!(
                        "Author: {} <{}@users.noreply.github.com>",
                        pii::capitalize(pii::person(r).0.as_str()),
                        r.digits(8)
                    ));
                    out.push(format!(
                        "    fix: handle empty {}",
                        r.pick(&["cart", "token list", "header", "config"])
                    ));
                    out.push(String::new());
                }
                lines(&out)
            },
        },
        Negative {
            kind: "hash.uuid",
            ext: "json",
            context: "json",
            generate: |r| {
                format!(
                    "{{\n  \"request_id\": \"{}\",\n  \"tenant_id\": \"{}\",\n  \"subscription_id\": \"{}\",\n  \"correlation_id\": \"{}\",\n  \"trace\": \"00-{}-{}-01\"\n}}\n",
                    r.uuid(),
                    r.uuid(),
                    r.uuid(),
                    r.uuid(),
                    r.hex(32),
                    r.hex(16)
                )
            },
        },
        Negative {
            kind: "hash.sri_integrity",
            ext: "html",
            context: "html",
            generate: |r| {
                format!(
                    "<script src=\"https://cdn.jsdelivr.net/npm/bootstrap@5.3.{}/dist/js/bootstrap.bundle.min.js\"\n  integrity=\"sha384-{}\" crossorigin=\"anonymous\"></script>\n<link rel=\"stylesheet\" href=\"/app.css\" integrity=\"sha256-{}\">\n",
                    r.range(0, 3),
                    r.string(B64, 64),
                    STANDARD.encode(r.bytes(32))
                )
            },
        },
        Negative {
            kind: "hash.lockfile",
            ext: "json",
            context: "package-lock",
            generate: |r| {
                let mut out = vec!["{".to_string(), "  \"packages\": {".to_string()];
                for name in ["lodash", "react-dom", "typescript", "esbuild"] {
                    out.push(format!("    \"node_modules/{name}\": {{"));
                    out.push(format!(
                        "      \"version\": \"{}.{}.{}\",",
                        r.range(1, 18),
                        r.range(0, 30),
                        r.range(0, 20)
                    ));
                    out.push(format!(
                        "      \"resolved\": \"https://registry.npmjs.org/{name}/-/{name}.tgz\","
                    ));
                    out.push(format!(
                        "      \"integrity\": \"sha512-{}==\"",
                        r.string(B64, 86)
                    ));
                    out.push("    },".into());
                }
                out.push("  }".into());
                out.push("}".into());
                lines(&out)
            },
        },
        Negative {
            kind: "hash.checksums",
            ext: "txt",
            context: "checksums",
            generate: |r| {
                lines(&[
                    format!("{}  nospill-linux-x86_64.tar.gz", sha256(r)),
                    format!("{}  nospill-macos-aarch64.tar.gz", sha256(r)),
                    format!("md5: {}", r.hex(32)),
                    format!("sha1: {}", r.hex(40)),
                    format!("image: ghcr.io/northwind/api@sha256:{}", sha256(r)),
                    format!("checksum = \"{}\"", sha256(r)),
                    format!("h1:{}=", r.string(B64, 43)),
                ])
            },
        },
        Negative {
            kind: "hash.password_hashes",
            ext: "sql",
            context: "sql",
            generate: |r| {
                lines(&[
                    "INSERT INTO users (email_hash, password_hash) VALUES".into(),
                    format!(
                        "  ('{}', '$2b$12${}'),",
                        r.hex(64),
                        r.string(
                            b"./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                            53
                        )
                    ),
                    format!(
                        "  ('{}', '$argon2id$v=19$m=65536,t=3,p=4${}${}'),",
                        r.hex(64),
                        r.string(B64, 22),
                        r.string(B64, 43)
                    ),
                    format!(
                        "  ('{}', 'pbkdf2_sha256$600000${}${}=');",
                        r.hex(64),
                        r.alnum(22),
                        r.string(B64, 43)
                    ),
                ])
            },
        },
        Negative {
            kind: "key.public",
            ext: "txt",
            context: "authorized_keys",
            generate: |r| {
                let a = keys::ssh_public_line(r, "deploy@build-01");
                let b = keys::ssh_public_line(r, "sam@laptop");
                format!("{a}\n{b}\n\n{}\n", keys::public_key_pem(r))
            },
        },
        Negative {
            kind: "key.certificate",
            ext: "pem",
            context: "pem",
            generate: |r| format!("{}\n", keys::certificate(r)),
        },
        Negative {
            kind: "js.minified",
            ext: "js",
            context: "javascript",
            generate: |r| {
                let mut s = String::from("!function(){\"use strict\";");
                for i in 0..12 {
                    s.push_str(&format!(
                        "var {}=\"{}\",{}=function(e){{return e.{}({})}};",
                        r.string(LOWER, 1),
                        r.alnum(24 + i),
                        r.string(LOWER, 2),
                        r.pick(&["map", "filter", "reduce"]),
                        r.string(LOWER, 1)
                    ));
                }
                s.push_str(&format!(
                    "window.__chunk_{}=\"{}\";}}();\n//# sourceMappingURL=main.{}.js.map\n",
                    r.hex(8),
                    r.string(B64URL, 40),
                    r.hex(20)
                ));
                s
            },
        },
        Negative {
            kind: "data.base64_image",
            ext: "css",
            context: "css",
            generate: |r| {
                let mut png = vec![
                    0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D',
                    b'R',
                ];
                png.extend(r.bytes(400));
                format!(
                    ".logo {{\n  background-image: url(\"data:image/png;base64,{}\");\n  width: 32px;\n}}\n",
                    STANDARD.encode(png)
                )
            },
        },
        Negative {
            kind: "github.wrong_checksum",
            ext: "txt",
            context: "notes",
            generate: |r| {
                lines(&[
            "tokens revoked in the March incident (checksums do not match, typos in the ticket):".into(),
            format!("- {}", wrong_crc_token(r, "ghp_")),
            format!("- {}", wrong_crc_token(r, "gho_")),
            format!("- {}", wrong_crc_token(r, "ghs_")),
        ])
            },
        },
        Negative {
            kind: "npm.wrong_checksum",
            ext: "txt",
            context: "notes",
            generate: |r| {
                lines(&[
                    "old registry tokens from the wiki (mangled):".into(),
                    wrong_crc_token(r, "npm_"),
                ])
            },
        },
        Negative {
            kind: "pii.card_luhn_fail",
            ext: "csv",
            context: "csv",
            generate: |r| {
                let mut out = vec!["order_id,reference,amount".to_string()];
                for brand in ["visa", "mastercard", "amex"] {
                    let d = pii::card_digits(r, brand, false);
                    out.push(format!(
                        "{},{d},{}.{:02}",
                        r.range(10000, 99999),
                        r.range(1, 500),
                        r.range(0, 99)
                    ));
                }
                lines(&out)
            },
        },
        Negative {
            kind: "pii.card_test_numbers",
            ext: "md",
            context: "markdown",
            generate: |r| {
                let mut out = vec![
                    "## Test cards".to_string(),
                    String::new(),
                    "Use these in the sandbox only:".to_string(),
                    String::new(),
                ];
                for _ in 0..4 {
                    out.push(format!("- `{}`", r.pick(pii::TEST_CARDS)));
                }
                out.push("- `4111 1111 1111 1111` (Visa)".into());
                lines(&out)
            },
        },
        Negative {
            kind: "pii.iban_bad_checksum",
            ext: "json",
            context: "json",
            generate: |r| {
                let c = r.pick(pii::IBAN_COUNTRIES);
                let a = pii::iban(r, c, false);
                let b = pii::iban(r, "DE", false);
                format!("{{\n  \"beneficiary_iban\": \"{a}\",\n  \"fallback_iban\": \"{b}\"\n}}\n")
            },
        },
        Negative {
            kind: "pii.ssn_invalid",
            ext: "csv",
            context: "csv",
            generate: |r| {
                let mut out = vec!["employee,ssn,department".to_string()];
                for _ in 0..4 {
                    out.push(format!(
                        "E{},{},{}",
                        r.digits(5),
                        pii::invalid_ssn(r),
                        r.pick(&["sales", "ops", "legal"])
                    ));
                }
                lines(&out)
            },
        },
        Negative {
            kind: "pii.national_id_bad_check",
            ext: "json",
            context: "json",
            generate: |r| {
                format!(
                    "{{\n  \"nhs_number\": \"{}\",\n  \"bsn\": \"{}\",\n  \"cpf\": \"{}\",\n  \"pesel\": \"{}\",\n  \"aadhaar\": \"{}\",\n  \"steuer_id\": \"{}\",\n  \"dni\": \"{}\"\n}}\n",
                    pii::uk_nhs(r, true),
                    pii::nl_bsn(r, true),
                    pii::br_cpf(r, true),
                    pii::pl_pesel(r, true),
                    pii::in_aadhaar(r, true),
                    pii::de_steuer_id(r, true),
                    pii::es_dni(r, true)
                )
            },
        },
        Negative {
            kind: "numbers.versions_dates_ips",
            ext: "log",
            context: "log",
            generate: |r| {
                lines(&[
                    format!(
                        "2024-06-1{} 08:1{}:22,481 INFO  starting build 1.{}.{}.{}",
                        r.range(0, 9),
                        r.range(0, 9),
                        r.range(0, 40),
                        r.range(0, 99),
                        r.range(1000, 9999)
                    ),
                    format!(
                        "agent version 10.0.19045.{} on 10.{}.{}.{}:8443",
                        r.range(1000, 4999),
                        r.range(0, 255),
                        r.range(0, 255),
                        r.range(1, 254)
                    ),
                    format!(
                        "order 2024-{:04}-{:06} shipped, parcel {} {} {}",
                        r.range(1, 9999),
                        r.range(1, 999999),
                        r.digits(4),
                        r.digits(4),
                        r.digits(4)
                    ),
                    format!(
                        "uptime 123:45:{:02}, build {}-{}-{}",
                        r.range(0, 59),
                        r.digits(3),
                        r.digits(3),
                        r.digits(4)
                    ),
                    format!(
                        "timestamp_ms={} seq={}",
                        1_700_000_000_000u64 + r.range(0, 9_999_999_999),
                        r.digits(12)
                    ),
                ])
            },
        },
        Negative {
            kind: "password.no_value",
            ext: "py",
            context: "python",
            generate: |_| {
                lines(&[
                    "from getpass import getpass".into(),
                    String::new(),
                    "def login(username: str, password: str) -> bool:".into(),
                    "    password = password.strip()".into(),
                    "    return check(username, password)".into(),
                    String::new(),
                    "class Settings(BaseModel):".into(),
                    "    password: str".into(),
                    "    api_key: Optional[str] = None".into(),
                    "    secret_key: SecretStr = Field(...)".into(),
                    String::new(),
                    "password = None".into(),
                    "password = getpass()".into(),
                    "token = get_token()".into(),
                ])
            },
        },
        Negative {
            kind: "password.log_lines",
            ext: "log",
            context: "log",
            generate: |r| {
                lines(&[
            format!("2024-03-0{}T12:00:00Z INFO  [auth] password reset requested for user {}", r.range(1, 9), r.range(1000, 99999)),
            "2024-03-01T12:00:01Z WARN  [auth] invalid password attempt 3/5 for account locked=false".into(),
            "2024-03-01T12:00:02Z INFO  [policy] password must be at least 12 characters".into(),
            "2024-03-01T12:00:03Z INFO  [ui] rendered template forgot_password.html".into(),
            "2024-03-01T12:00:04Z INFO  [auth] token refreshed for session; api key rotated by admin".into(),
        ])
            },
        },
        Negative {
            kind: "password.policy_docs",
            ext: "md",
            context: "markdown",
            generate: |_| {
                lines(&[
                    "# Password policy".into(),
                    String::new(),
                    "- The password must contain at least one digit and one symbol.".into(),
                    "- Never share your password or API key in chat.".into(),
                    "- Rotate the secret key every 90 days; the token expires after 1 hour.".into(),
                    "- Das Passwort muss mindestens 12 Zeichen lang sein.".into(),
                    "- Le mot de passe doit être changé tous les 90 jours.".into(),
                ])
            },
        },
        Negative {
            kind: "ids.public_identifiers",
            ext: "tf",
            context: "terraform",
            generate: |r| {
                lines(&[
                    format!("role_arn = \"arn:aws:iam::{}:role/deploy\"", r.digits(12)),
                    format!(
                        "bucket   = \"northwind-{}-assets\"",
                        r.pick(&["prod", "staging"])
                    ),
                    format!(
                        "client_id = \"{}-{}.apps.googleusercontent.com\"",
                        r.digits(12),
                        r.string(ALNUM_LOWER, 32)
                    ),
                    format!("tenant_id = \"{}\"", r.uuid()),
                    format!("channel = \"C0{}\"", r.string(ALNUM_UPPER, 9)),
                    "account_sid_hint = \"see the Twilio console\"".to_string(),
                    format!("distribution_id = \"E{}\"", r.string(ALNUM_UPPER, 13)),
                ])
            },
        },
        Negative {
            kind: "ids.tracing",
            ext: "log",
            context: "log",
            generate: |r| {
                lines(&[
                    format!("traceparent: 00-{}-{}-01", r.hex(32), r.hex(16)),
                    format!("x-amz-request-id: {}", r.string(ALNUM_UPPER, 16)),
                    format!("x-amz-id-2: {}", r.string(B64, 76)),
                    format!("etag: \"{}\"", r.hex(32)),
                    format!("x-request-id: {}", r.uuid()),
                    format!("cf-ray: {}-FRA", r.hex(16)),
                ])
            },
        },
        Negative {
            kind: "encoded.base64_text",
            ext: "eml",
            context: "email",
            generate: |r| {
                let text = format!(
                    "Hello team,\n\nplease find the quarterly report attached. Revenue grew {}% and churn fell.\nBest regards,\n{}\n",
                    r.range(2, 30),
                    pii::capitalize(pii::person(r).0.as_str())
                );
                format!(
                    "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n{}\n",
                    keys::wrap(text.repeat(3).as_bytes(), 76)
                )
            },
        },
        Negative {
            kind: "conn.no_password",
            ext: "env",
            context: "env",
            generate: |r| {
                lines(&[
                    "DATABASE_URL=postgres://app@localhost:5432/app_dev".into(),
                    "REDIS_URL=redis://localhost:6379/0".into(),
                    format!("MONGO_URL=mongodb://mongo:{}/test", 27017),
                    "AMQP_URL=amqp://${RABBIT_USER}:${RABBIT_PASS}@rabbit:5672/".into(),
                    format!("CACHE_TTL={}", r.range(60, 3600)),
                ])
            },
        },
        Negative {
            kind: "code.crypto_constants",
            ext: "rs",
            context: "rust",
            generate: |r| {
                lines(&[
            "/// SHA-256 round constants (FIPS 180-4).".into(),
            "const K: [u32; 4] = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5];".into(),
            "const IV: [u8; 16] = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f];".into(),
            format!("const EXPECTED_DIGEST: &str = \"{}\";", sha256(r)),
            format!("const FIXTURE_SEED: u64 = 0x{};", r.hex(16)),
        ])
            },
        },
        Negative {
            kind: "email.non_personal",
            ext: "txt",
            context: "notes",
            generate: |r| {
                lines(&[
                    "git@github.com:northwind/api.git".into(),
                    format!(
                        "npm install @northwind/ui@{}.{}.0",
                        r.range(1, 9),
                        r.range(0, 20)
                    ),
                    "@media (max-width: 600px) { .nav { display: none } }".into(),
                    "@Override public String toString() { return name; }".into(),
                    format!("image: registry.internal/api@sha256:{}", sha256(r)),
                ])
            },
        },
    ]
}
