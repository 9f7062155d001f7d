//! The planted-secret families: one generator per token format, each with
//! the variable names and human label people give it. Formats come from
//! vendor documentation and public scanner rule sets (gitleaks, Kingfisher),
//! not from nospill's rules, so the corpus measures nospill independently.

use crate::check::{base36, crc32_base62};
use crate::keys;
use crate::pii;
use crate::rng::*;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};

/// How a family's value is written into a file.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shape {
    /// One line, any context.
    Token,
    /// Several lines (PEM and friends): only contexts that can hold them.
    Multiline,
    /// An HTTP header value: written as a header in code, curl and logs.
    Header,
    /// Personal data: data-ish contexts (CSV, JSON, forms, chat, logs).
    Pii,
    /// Human prose only ("my password is …").
    Prose,
    /// A whole credential file; the generator marks the secret lines.
    Document(&'static str),
}

pub struct Family {
    pub id: &'static str,
    pub group: &'static str,
    pub label: &'static str,
    pub keys: &'static [&'static str],
    pub shape: Shape,
    pub generate: fn(&mut Rng) -> String,
}

/// Start and end of the planted value inside a generated text.
pub const MARK_START: char = '\u{1}';
pub const MARK_END: char = '\u{2}';

fn p(prefix: &str, alphabet: &[u8], len: usize, r: &mut Rng) -> String {
    format!("{prefix}{}", r.string(alphabet, len))
}

fn github(prefix: &str, r: &mut Rng) -> String {
    let random = r.alnum(30);
    format!("{prefix}{random}{}", crc32_base62(&random))
}

fn b64url_json(json: &str) -> String {
    URL_SAFE_NO_PAD.encode(json.as_bytes())
}

pub fn jwt(r: &mut Rng, alg: &str, sig_bytes: usize) -> String {
    let header = b64url_json(&format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#));
    let iat = 1_700_000_000 + r.range(0, 40_000_000);
    let payload = match r.below(3) {
        0 => format!(
            r#"{{"sub":"{}","name":"{}","iat":{iat},"exp":{}}}"#,
            r.range(100_000, 999_999),
            pii::capitalize(pii::person(r).0.as_str()),
            iat + 3600
        ),
        1 => format!(
            r#"{{"iss":"https://auth.{}.io/","sub":"auth0|{}","aud":"orders-api","iat":{iat},"exp":{},"scope":"read:orders write:orders"}}"#,
            r.pick(&["northwind", "helix", "lumen", "quarry"]),
            r.hex(24),
            iat + 86_400
        ),
        _ => format!(
            r#"{{"user_id":{},"role":"admin","session":"{}","iat":{iat}}}"#,
            r.range(1, 99_999),
            r.uuid()
        ),
    };
    let sig = URL_SAFE_NO_PAD.encode(r.bytes(sig_bytes));
    format!("{header}.{}.{sig}", b64url_json(&payload))
}

fn k8s_sa_jwt(r: &mut Rng) -> String {
    let header = b64url_json(&format!(
        r#"{{"alg":"RS256","kid":"{}"}}"#,
        r.string(B64URL, 43)
    ));
    let ns = r.pick(&["default", "ci", "monitoring", "payments"]);
    let payload = format!(
        r#"{{"iss":"kubernetes/serviceaccount","kubernetes.io/serviceaccount/namespace":"{ns}","kubernetes.io/serviceaccount/secret.name":"deployer-token-{}","kubernetes.io/serviceaccount/service-account.name":"deployer","kubernetes.io/serviceaccount/service-account.uid":"{}","sub":"system:serviceaccount:{ns}:deployer"}}"#,
        r.string(ALNUM_LOWER, 5),
        r.uuid()
    );
    format!(
        "{header}.{}.{}",
        b64url_json(&payload),
        URL_SAFE_NO_PAD.encode(r.bytes(256))
    )
}

const WORDS: &[&str] = &[
    "Kestrel", "Harbor", "Falcon", "Maple", "Orchid", "Granite", "Sunset", "Willow", "Tiger",
    "Cobalt", "Juniper", "Nebula", "Dolphin", "Rocket", "Saffron", "Ember", "Lantern", "Meadow",
    "Pirate", "Glacier", "Bretzel", "Soleil", "Marmotte", "Fuchs",
];
const SEASONS: &[&str] = &[
    "Summer",
    "Winter",
    "Autumn",
    "Spring",
    "Sommer",
    "Herbst",
    "Printemps",
];

/// A password the way people choose them, not a random string.
pub fn human_password(r: &mut Rng) -> String {
    let sym = r.pick(&["!", "#", "$", "?", "@", "*", "%", "&"]);
    match r.below(6) {
        0 => format!("{}{}{sym}", r.pick(SEASONS), r.range(2019, 2026)),
        1 => format!("{}{sym}{}", r.pick(WORDS), r.range(10, 99)),
        2 => format!("{}{}{sym}{}", r.pick(WORDS), r.pick(WORDS), r.range(1, 999)),
        3 => {
            let (f, _) = pii::person(r);
            format!("{}{}{sym}", pii::capitalize(&f), r.range(1960, 2005))
        }
        4 => format!(
            "{}-{}-{}{}",
            r.pick(WORDS).to_lowercase(),
            r.pick(WORDS).to_lowercase(),
            r.pick(WORDS).to_lowercase(),
            r.range(1, 9)
        ),
        _ => r.string(
            b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#$%&*?@",
            16,
        ),
    }
}

fn db_password(r: &mut Rng) -> String {
    if r.chance(50) {
        human_password(r).replace(['@', '%', '#', '?', '&'], "!")
    } else {
        r.alnum(20)
    }
}

fn host(r: &mut Rng, suffix: &str) -> String {
    format!(
        "{}-{}.{suffix}",
        r.pick(&["db", "prod", "core", "main", "eu1", "orders"]),
        r.string(ALNUM_LOWER, 6)
    )
}

fn user(r: &mut Rng) -> String {
    r.pick(&[
        "app",
        "svc_orders",
        "admin",
        "deploy",
        "reporting",
        "etl_user",
        "root",
    ])
    .to_string()
}

fn wrap_doc(before: &str, secret: &str, after: &str) -> String {
    format!("{before}{MARK_START}{secret}{MARK_END}{after}")
}

fn gcp_service_account(r: &mut Rng) -> String {
    let project = format!(
        "{}-{}",
        r.pick(&["analytics", "billing", "ml-pipeline", "webshop"]),
        r.range(100_000, 999_999)
    );
    let sa = r.pick(&["deployer", "ci-runner", "bq-export", "terraform"]);
    let pem = keys::pkcs8_pem(r).replace('\n', "\\n");
    let id = r.hex(40);
    let client_id = r.digits(21);
    let before =
        format!("{{\n  \"type\": \"service_account\",\n  \"project_id\": \"{project}\",\n");
    let secret = format!("  \"private_key_id\": \"{id}\",\n  \"private_key\": \"{pem}\\n\",");
    let after = format!(
        "\n  \"client_email\": \"{sa}@{project}.iam.gserviceaccount.com\",\n  \"client_id\": \"{client_id}\",\n  \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\",\n  \"token_uri\": \"https://oauth2.googleapis.com/token\",\n  \"auth_provider_x509_cert_url\": \"https://www.googleapis.com/oauth2/v1/certs\",\n  \"client_x509_cert_url\": \"https://www.googleapis.com/robot/v1/metadata/x509/{sa}%40{project}.iam.gserviceaccount.com\",\n  \"universe_domain\": \"googleapis.com\"\n}}\n"
    );
    wrap_doc(&before, &secret, &after)
}

fn aws_key_id(r: &mut Rng, prefix: &str) -> String {
    p(prefix, BASE32, 16, r)
}

fn aws_secret(r: &mut Rng) -> String {
    r.string(B64, 40)
}

fn docker_auth(r: &mut Rng) -> String {
    let u = format!(
        "{}{}",
        r.pick(&["ci", "deploy", "jdoe", "buildbot"]),
        r.range(1, 99)
    );
    let secret = if r.chance(50) {
        p("dckr_pat_", B64URL, 27, r)
    } else {
        db_password(r)
    };
    STANDARD.encode(format!("{u}:{secret}"))
}

fn credential_files() -> Vec<Family> {
    vec![
        Family {
            id: "creds.netrc",
            group: "credential-files",
            label: ".netrc",
            keys: &["password"],
            shape: Shape::Document("netrc"),
            generate: |r| {
                let machine = r.pick(&[
                    "api.heroku.com",
                    "git.heroku.com",
                    "ftp.northwind-logistics.com",
                    "urs.earthdata.nasa.gov",
                ]);
                let login = pii::email(r);
                let pw = if machine.contains("heroku") {
                    r.uuid()
                } else {
                    db_password(r)
                };
                wrap_doc(
                    &format!("machine {machine}\n  login {login}\n"),
                    &format!("  password {pw}"),
                    "\nmachine code.internal.lan\n  login ci\n",
                )
            },
        },
        Family {
            id: "creds.npmrc",
            group: "credential-files",
            label: ".npmrc",
            keys: &["_authToken"],
            shape: Shape::Document("npmrc"),
            generate: |r| {
                let tok = github("npm_", r);
                wrap_doc(
                    "registry=https://registry.npmjs.org/\n@acme:registry=https://npm.pkg.github.com\n",
                    &format!("//registry.npmjs.org/:_authToken={tok}"),
                    "\nfund=false\naudit-level=high\n",
                )
            },
        },
        Family {
            id: "creds.pypirc",
            group: "credential-files",
            label: ".pypirc",
            keys: &["password"],
            shape: Shape::Document("pypirc"),
            generate: |r| {
                let tok = pypi_token(r, "AgEIcHlwaS5vcmc");
                wrap_doc(
                    "[distutils]\nindex-servers =\n    pypi\n\n[pypi]\nusername = __token__\n",
                    &format!("password = {tok}"),
                    "\n",
                )
            },
        },
        Family {
            id: "creds.docker_config",
            group: "credential-files",
            label: "Docker config.json",
            keys: &["auth"],
            shape: Shape::Document("json"),
            generate: |r| {
                let auth = docker_auth(r);
                wrap_doc(
                    "{\n  \"auths\": {\n    \"https://index.docker.io/v1/\": {\n",
                    &format!("      \"auth\": \"{auth}\""),
                    "\n    }\n  },\n  \"credsStore\": \"\"\n}\n",
                )
            },
        },
        Family {
            id: "creds.aws_credentials",
            group: "credential-files",
            label: "AWS credentials",
            keys: &["aws_secret_access_key"],
            shape: Shape::Document("ini"),
            generate: |r| {
                let id = aws_key_id(r, "AKIA");
                let secret = aws_secret(r);
                wrap_doc(
                    "[default]\nregion = eu-central-1\n\n[deploy]\n",
                    &format!("aws_access_key_id = {id}\naws_secret_access_key = {secret}"),
                    "\noutput = json\n",
                )
            },
        },
        Family {
            id: "creds.git_credentials",
            group: "credential-files",
            label: ".git-credentials",
            keys: &["url"],
            shape: Shape::Document("git-credentials"),
            generate: |r| {
                let line = if r.chance(50) {
                    format!(
                        "https://{}:{}@github.com",
                        r.pick(&["octo-dev", "jdoe", "buildbot"]),
                        github("ghp_", r)
                    )
                } else {
                    format!("https://oauth2:{}@gitlab.com", p("glpat-", B64URL, 20, r))
                };
                wrap_doc("", &line, "\n")
            },
        },
        Family {
            id: "creds.kubeconfig",
            group: "credential-files",
            label: "kubeconfig",
            keys: &["client-key-data"],
            shape: Shape::Document("yaml"),
            generate: |r| {
                let ca = STANDARD.encode(keys::certificate(r));
                let cert = STANDARD.encode(keys::certificate(r));
                let key = STANDARD.encode(keys::ec_pem(r));
                let server = format!(
                    "https://{}.hcp.westeurope.azmk8s.io:443",
                    r.string(ALNUM_LOWER, 12)
                );
                wrap_doc(
                    &format!(
                        "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority-data: {ca}\n    server: {server}\n  name: prod\ncontexts:\n- context:\n    cluster: prod\n    user: admin\n  name: prod\ncurrent-context: prod\nusers:\n- name: admin\n  user:\n    client-certificate-data: {cert}\n"
                    ),
                    &format!("    client-key-data: {key}"),
                    "\n",
                )
            },
        },
        Family {
            id: "creds.pgpass",
            group: "credential-files",
            label: ".pgpass",
            keys: &["password"],
            shape: Shape::Document("pgpass"),
            generate: |r| {
                let h = host(r, "internal");
                let u = user(r);
                let pw = db_password(r);
                wrap_doc(
                    "# hostname:port:database:username:password\n",
                    &format!("{h}:5432:orders:{u}:{pw}"),
                    "\n",
                )
            },
        },
        Family {
            id: "creds.mycnf",
            group: "credential-files",
            label: "my.cnf",
            keys: &["password"],
            shape: Shape::Document("cnf"),
            generate: |r| {
                let u = user(r);
                let pw = db_password(r);
                wrap_doc(
                    &format!("[client]\nuser={u}\nhost=127.0.0.1\n"),
                    &format!("password=\"{pw}\""),
                    "\n\n[mysqldump]\nquick\n",
                )
            },
        },
        Family {
            id: "creds.maven_settings",
            group: "credential-files",
            label: "Maven settings.xml",
            keys: &["password"],
            shape: Shape::Document("xml"),
            generate: |r| {
                let pw = if r.chance(50) {
                    db_password(r)
                } else {
                    p("AKCp", ALNUM, 69, r)
                };
                wrap_doc(
                    "<settings>\n  <servers>\n    <server>\n      <id>artifactory-releases</id>\n      <username>ci-publisher</username>\n",
                    &format!("      <password>{pw}</password>"),
                    "\n    </server>\n  </servers>\n</settings>\n",
                )
            },
        },
        Family {
            id: "creds.wp_config",
            group: "credential-files",
            label: "wp-config.php",
            keys: &["DB_PASSWORD"],
            shape: Shape::Document("php"),
            generate: |r| {
                let pw = db_password(r);
                wrap_doc(
                    "<?php\ndefine( 'DB_NAME', 'wordpress' );\ndefine( 'DB_USER', 'wp_admin' );\n",
                    &format!("define( 'DB_PASSWORD', '{pw}' );"),
                    "\ndefine( 'DB_HOST', 'localhost' );\ndefine( 'DB_CHARSET', 'utf8mb4' );\n$table_prefix = 'wp_';\n",
                )
            },
        },
        Family {
            id: "creds.terraformrc",
            group: "credential-files",
            label: "credentials.tfrc.json",
            keys: &["token"],
            shape: Shape::Document("json"),
            generate: |r| {
                let tok = terraform_token(r);
                wrap_doc(
                    "{\n  \"credentials\": {\n    \"app.terraform.io\": {\n",
                    &format!("      \"token\": \"{tok}\""),
                    "\n    }\n  }\n}\n",
                )
            },
        },
        Family {
            id: "gcp.service_account",
            group: "cloud",
            label: "service account key",
            keys: &["private_key"],
            shape: Shape::Document("json"),
            generate: gcp_service_account,
        },
    ]
}

fn pypi_token(r: &mut Rng, head: &str) -> String {
    // A macaroon: the fixed location header is what every token starts with;
    // the rest (identifier, caveats, signature) is random.
    let mut rest = vec![0x02, 0x24];
    rest.extend(r.uuid().as_bytes());
    rest.extend([0x00, 0x02, 0x2b]);
    rest.extend(br#"{"version": 1, "permissions": "user"}"#);
    rest.extend([0x00, 0x00, 0x06, 0x20]);
    rest.extend(r.bytes(32));
    // Keep the base64 aligned with the 15-character head (12 bytes of header
    // plus 3 of the location).
    let text = URL_SAFE_NO_PAD.encode(&rest);
    format!("pypi-{head}C{}", &text[1..])
}

fn terraform_token(r: &mut Rng) -> String {
    format!("{}.atlasv1.{}", r.alnum(14), r.string(B64URL, 67))
}

fn sentry_org_token(r: &mut Rng) -> String {
    let org = r.pick(&["northwind", "helix-labs", "lumen"]);
    let payload = format!(
        r#"{{"iat":{},"url":"https://sentry.io","region_url":"https://us.sentry.io","org":"{org}"}}"#,
        1_700_000_000 + r.range(0, 40_000_000)
    );
    format!(
        "sntrys_{}_{}",
        STANDARD.encode(payload).trim_end_matches('='),
        r.string(B64, 43)
    )
}

fn grafana_cloud_token(r: &mut Rng) -> String {
    let payload = format!(
        r#"{{"o":"{}","n":"stack-{}-integration-{}","k":"{}","m":{{"r":"prod-eu-west-2"}}}}"#,
        r.range(100_000, 999_999),
        r.range(100_000, 999_999),
        r.pick(&["alloy", "otel", "logs"]),
        r.alnum(24)
    );
    format!("glc_{}", STANDARD.encode(payload))
}

fn grafana_legacy_key(r: &mut Rng) -> String {
    let payload = format!(
        r#"{{"k":"{}","n":"ci","id":{}}}"#,
        r.alnum(32),
        r.range(1, 999)
    );
    STANDARD.encode(payload)
}

fn onepassword_sa(r: &mut Rng) -> String {
    let payload = format!(
        r#"{{"signInAddress":"my.1password.eu","userAuth":{{"method":"SRPg-4096","alg":"PBES2g-HS256","iterations":650000,"salt":"{}"}},"email":"{}@1passwordserviceaccounts.eu","srpX":"{}","muk":{{"alg":"A256GCM","ext":true,"k":"{}","key_ops":["encrypt","decrypt"],"kty":"oct","kid":"mp"}},"secretKey":"A3-{}","throttleSecret":{{"seed":"{}","deviceUuid":"{}"}},"deviceUuid":"{}"}}"#,
        r.string(B64URL, 22),
        r.string(ALNUM_LOWER, 13),
        r.hex(64),
        r.string(B64URL, 43),
        r.string(ALNUM_UPPER, 26),
        r.hex(64),
        r.string(ALNUM_LOWER, 26),
        r.string(ALNUM_LOWER, 26)
    );
    format!("ops_{}", URL_SAFE_NO_PAD.encode(payload))
}

fn mapbox_secret(r: &mut Rng) -> String {
    let payload = format!(
        r#"{{"u":"{}","a":"{}"}}"#,
        r.pick(&["northwind", "geo-team", "lumenmaps"]),
        r.string(ALNUM_LOWER, 25)
    );
    format!("sk.{}.{}", b64url_json(&payload), r.string(B64URL, 22))
}

fn discord_bot(r: &mut Rng) -> String {
    let id = r
        .range(100_000_000_000_000_000, 1_299_999_999_999_999_999)
        .to_string();
    format!(
        "{}.{}.{}",
        STANDARD.encode(id).trim_end_matches('='),
        r.string(B64URL, 6),
        r.string(B64URL, 38)
    )
}

fn gitlab_routable(r: &mut Rng, prefix: &str) -> String {
    let mut raw = r.bytes(20);
    raw.extend(
        format!(
            "\no:{}\nu:{}",
            base36(r.range(1, 99_999), 4),
            base36(r.range(1, 9_999_999), 5)
        )
        .as_bytes(),
    );
    let payload = URL_SAFE_NO_PAD.encode(&raw);
    let body = format!("{prefix}{payload}.01.");
    let crc = u64::from(crc32fast::hash(body.as_bytes()));
    format!(
        "{body}{}{}",
        base36(payload.len() as u64, 2),
        base36(crc, 7)
    )
}

fn adyen(r: &mut Rng) -> String {
    format!(
        "AQE{}{}-{}=-{}",
        r.string(b"abcdefghijklmnopqrstuvwxyz", 6),
        r.string(B64, 90),
        r.string(B64, 43),
        r.string(
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789^()<>[]{}:;!?",
            16
        )
    )
}

fn tailscale(r: &mut Rng, kind: &str) -> String {
    format!("tskey-{kind}-k{}CNTRL-{}", r.alnum(10), r.alnum(33))
}

fn azure_devops_pat(r: &mut Rng) -> String {
    format!(
        "{}JQQJ99{}ACAAAAAAAAAAAAASAZDO{}",
        r.alnum(52),
        r.string(ALNUM_UPPER, 2),
        r.alnum(4)
    )
}

fn sas_url(r: &mut Rng) -> String {
    let acct = format!(
        "{}{}",
        r.pick(&["stprod", "backups", "mediastore", "logsarchive"]),
        r.string(ALNUM_LOWER, 6)
    );
    let sig = STANDARD.encode(r.bytes(32));
    let sig = sig
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    format!(
        "https://{acct}.blob.core.windows.net/{}?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2026-0{}-1{}T18:00:00Z&st=2024-0{}-0{}T10:00:00Z&spr=https&sig={sig}",
        r.pick(&["exports", "invoices", "uploads"]),
        r.range(1, 9),
        r.range(0, 9),
        r.range(1, 9),
        r.range(1, 9)
    )
}

fn storage_conn(r: &mut Rng) -> String {
    format!(
        "DefaultEndpointsProtocol=https;AccountName={}{};AccountKey={};EndpointSuffix=core.windows.net",
        r.pick(&["stprod", "sharedfiles", "diag"]),
        r.string(ALNUM_LOWER, 8),
        STANDARD.encode(r.bytes(64))
    )
}

fn basic_auth(r: &mut Rng) -> String {
    let u = r.pick(&[
        "admin",
        "api",
        "jenkins",
        "grafana",
        "billing-sync",
        "mlopez",
    ]);
    format!(
        "Basic {}",
        STANDARD.encode(format!("{u}:{}", db_password(r)))
    )
}

fn conn_password(r: &mut Rng) -> String {
    // URL userinfo: human passwords with reserved characters percent-encoded.
    let pw = db_password(r);
    pw.replace('!', "%21")
        .replace('$', "%24")
        .replace('*', "%2A")
}

fn secret_families() -> Vec<Family> {
    use Shape::*;
    vec![
        // ---- cloud
        Family {
            id: "aws.access_key_id",
            group: "cloud",
            label: "AWS access key",
            keys: &["AWS_ACCESS_KEY_ID", "aws_access_key"],
            shape: Token,
            generate: |r| aws_key_id(r, "AKIA"),
        },
        Family {
            id: "aws.secret_access_key",
            group: "cloud",
            label: "AWS secret key",
            keys: &["AWS_SECRET_ACCESS_KEY", "aws_secret_key"],
            shape: Token,
            generate: aws_secret,
        },
        Family {
            id: "aws.temporary_access_key_id",
            group: "cloud",
            label: "AWS temporary key",
            keys: &["AWS_ACCESS_KEY_ID"],
            shape: Token,
            generate: |r| aws_key_id(r, "ASIA"),
        },
        Family {
            id: "aws.session_token",
            group: "cloud",
            label: "AWS session token",
            keys: &["AWS_SESSION_TOKEN"],
            shape: Token,
            generate: |r| {
                let len = 4 * r.range(90, 200) as usize;
                format!("IQoJb3JpZ2luX2VjE{}", r.string(B64, len))
            },
        },
        Family {
            id: "gcp.api_key",
            group: "cloud",
            label: "Google API key",
            keys: &["GOOGLE_API_KEY", "GOOGLE_MAPS_API_KEY"],
            shape: Token,
            generate: |r| p("AIza", B64URL, 35, r),
        },
        Family {
            id: "gcp.oauth_client_secret",
            group: "cloud",
            label: "Google OAuth client secret",
            keys: &["GOOGLE_CLIENT_SECRET"],
            shape: Token,
            generate: |r| p("GOCSPX-", B64URL, 28, r),
        },
        Family {
            id: "gcp.oauth_refresh_token",
            group: "cloud",
            label: "Google refresh token",
            keys: &["GOOGLE_REFRESH_TOKEN"],
            shape: Token,
            generate: |r| format!("1//0{}{}", r.string(B64URL, 1), r.string(B64URL, 98)),
        },
        Family {
            id: "gcp.oauth_access_token",
            group: "cloud",
            label: "Google access token",
            keys: &["GOOGLE_ACCESS_TOKEN"],
            shape: Token,
            generate: |r| format!("ya29.a0{}", r.string(B64URL, 160)),
        },
        Family {
            id: "firebase.fcm_server_key",
            group: "cloud",
            label: "FCM server key",
            keys: &["FCM_SERVER_KEY"],
            shape: Token,
            generate: |r| {
                format!(
                    "AAAA{}:APA91b{}",
                    r.string(B64URL, 7),
                    r.string(B64URL, 134)
                )
            },
        },
        Family {
            id: "azure.storage_account_key",
            group: "cloud",
            label: "storage account key",
            keys: &["AZURE_STORAGE_KEY", "AZURE_STORAGE_ACCOUNT_KEY"],
            shape: Token,
            generate: |r| STANDARD.encode(r.bytes(64)),
        },
        Family {
            id: "azure.storage_connection_string",
            group: "cloud",
            label: "storage connection string",
            keys: &["AZURE_STORAGE_CONNECTION_STRING"],
            shape: Token,
            generate: storage_conn,
        },
        Family {
            id: "azure.sas_url",
            group: "cloud",
            label: "SAS URL",
            keys: &["BLOB_SAS_URL", "EXPORT_URL"],
            shape: Token,
            generate: sas_url,
        },
        Family {
            id: "azure.entra_client_secret",
            group: "cloud",
            label: "Entra client secret",
            keys: &["AZURE_CLIENT_SECRET"],
            shape: Token,
            generate: |r| {
                format!(
                    "{}{}Q~{}",
                    r.string(
                        b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_~.",
                        3
                    ),
                    r.range(1, 9),
                    r.string(
                        b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_~.-",
                        34
                    )
                )
            },
        },
        Family {
            id: "azure.cosmosdb_connection_string",
            group: "cloud",
            label: "Cosmos DB connection string",
            keys: &["COSMOS_CONNECTION_STRING"],
            shape: Token,
            generate: |r| {
                format!(
                    "AccountEndpoint=https://{}.documents.azure.com:443/;AccountKey={};",
                    r.string(ALNUM_LOWER, 10),
                    STANDARD.encode(r.bytes(64))
                )
            },
        },
        Family {
            id: "azure.service_bus_connection_string",
            group: "cloud",
            label: "Service Bus connection string",
            keys: &["SERVICEBUS_CONNECTION"],
            shape: Token,
            generate: |r| {
                format!(
                    "Endpoint=sb://{}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={}",
                    r.string(ALNUM_LOWER, 10),
                    STANDARD.encode(r.bytes(32))
                )
            },
        },
        Family {
            id: "azure.openai_key",
            group: "ai",
            label: "Azure OpenAI key",
            keys: &["AZURE_OPENAI_API_KEY"],
            shape: Token,
            generate: |r| r.hex(32),
        },
        Family {
            id: "digitalocean.pat",
            group: "cloud",
            label: "DigitalOcean token",
            keys: &["DIGITALOCEAN_TOKEN", "DO_TOKEN"],
            shape: Token,
            generate: |r| p("dop_v1_", HEX, 64, r),
        },
        Family {
            id: "digitalocean.oauth_token",
            group: "cloud",
            label: "DigitalOcean OAuth token",
            keys: &["DIGITALOCEAN_ACCESS_TOKEN"],
            shape: Token,
            generate: |r| p("doo_v1_", HEX, 64, r),
        },
        Family {
            id: "digitalocean.refresh_token",
            group: "cloud",
            label: "DigitalOcean refresh token",
            keys: &["DO_REFRESH_TOKEN"],
            shape: Token,
            generate: |r| p("dor_v1_", HEX, 64, r),
        },
        Family {
            id: "alibaba.access_key_id",
            group: "cloud",
            label: "Alibaba Cloud AccessKey ID",
            keys: &["ALIBABA_CLOUD_ACCESS_KEY_ID"],
            shape: Token,
            generate: |r| p("LTAI", ALNUM, 20, r),
        },
        Family {
            id: "alibaba.access_key_secret",
            group: "cloud",
            label: "Alibaba Cloud AccessKey secret",
            keys: &["ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
            shape: Token,
            generate: |r| r.alnum(30),
        },
        Family {
            id: "ibm.cloud_api_key",
            group: "cloud",
            label: "IBM Cloud API key",
            keys: &["IBMCLOUD_API_KEY", "IBM_CLOUD_APIKEY"],
            shape: Token,
            generate: |r| r.string(B64URL, 44),
        },
        Family {
            id: "oracle.oci_api_key",
            group: "cloud",
            label: "OCI API signing key",
            keys: &["OCI_PRIVATE_KEY"],
            shape: Multiline,
            generate: |r| format!("{}\nOCI_API_KEY", keys::pkcs8_pem(r)),
        },
        Family {
            id: "cloudflare.api_token",
            group: "cloud",
            label: "Cloudflare API token",
            keys: &["CLOUDFLARE_API_TOKEN", "CF_API_TOKEN"],
            shape: Token,
            generate: |r| r.string(B64URL, 40),
        },
        Family {
            id: "cloudflare.global_api_key",
            group: "cloud",
            label: "Cloudflare global API key",
            keys: &["CLOUDFLARE_API_KEY", "CF_API_KEY"],
            shape: Token,
            generate: |r| r.hex(37),
        },
        Family {
            id: "cloudflare.origin_ca_key",
            group: "cloud",
            label: "Cloudflare Origin CA key",
            keys: &["CF_ORIGIN_CA_KEY"],
            shape: Token,
            generate: |r| format!("v1.0-{}-{}", r.hex(24), r.hex(146)),
        },
        Family {
            id: "heroku.api_key",
            group: "cloud",
            label: "Heroku API key",
            keys: &["HEROKU_API_KEY"],
            shape: Token,
            generate: |r| p("HRKU-AA", B64URL, 58, r),
        },
        Family {
            id: "linode.token",
            group: "cloud",
            label: "Linode token",
            keys: &["LINODE_TOKEN", "LINODE_CLI_TOKEN"],
            shape: Token,
            generate: |r| r.hex(64),
        },
        Family {
            id: "scaleway.secret_key",
            group: "cloud",
            label: "Scaleway secret key",
            keys: &["SCW_SECRET_KEY"],
            shape: Token,
            generate: |r| r.uuid(),
        },
        Family {
            id: "hetzner.api_token",
            group: "cloud",
            label: "Hetzner Cloud token",
            keys: &["HCLOUD_TOKEN"],
            shape: Token,
            generate: |r| r.alnum(64),
        },
        Family {
            id: "flyio.token",
            group: "cloud",
            label: "Fly.io token",
            keys: &["FLY_API_TOKEN"],
            shape: Token,
            generate: |r| format!("FlyV1 fm2_{}", r.string(B64, 180)),
        },
        Family {
            id: "databricks.pat",
            group: "cloud",
            label: "Databricks token",
            keys: &["DATABRICKS_TOKEN"],
            shape: Token,
            generate: |r| format!("dapi{}", r.hex(32)),
        },
        Family {
            id: "supabase.pat",
            group: "cloud",
            label: "Supabase access token",
            keys: &["SUPABASE_ACCESS_TOKEN"],
            shape: Token,
            generate: |r| p("sbp_", HEX, 40, r),
        },
        Family {
            id: "vercel.token",
            group: "cloud",
            label: "Vercel token",
            keys: &["VERCEL_TOKEN"],
            shape: Token,
            generate: |r| r.alnum(24),
        },
        Family {
            id: "netlify.pat",
            group: "cloud",
            label: "Netlify token",
            keys: &["NETLIFY_AUTH_TOKEN"],
            shape: Token,
            generate: |r| p("nfp_", ALNUM, 36, r),
        },
        Family {
            id: "render.api_key",
            group: "cloud",
            label: "Render API key",
            keys: &["RENDER_API_KEY"],
            shape: Token,
            generate: |r| p("rnd_", ALNUM, 32, r),
        },
        Family {
            id: "planetscale.token",
            group: "cloud",
            label: "PlanetScale token",
            keys: &["PLANETSCALE_SERVICE_TOKEN"],
            shape: Token,
            generate: |r| p("pscale_tkn_", B64URL, 43, r),
        },
        Family {
            id: "planetscale.password",
            group: "cloud",
            label: "PlanetScale password",
            keys: &["PLANETSCALE_DB_PASSWORD"],
            shape: Token,
            generate: |r| p("pscale_pw_", B64URL, 43, r),
        },
        // ---- code hosting & CI
        Family {
            id: "github.classic_pat",
            group: "code-hosting",
            label: "GitHub token",
            keys: &["GITHUB_TOKEN", "GH_TOKEN"],
            shape: Token,
            generate: |r| github("ghp_", r),
        },
        Family {
            id: "github.oauth_token",
            group: "code-hosting",
            label: "GitHub OAuth token",
            keys: &["GITHUB_OAUTH_TOKEN"],
            shape: Token,
            generate: |r| github("gho_", r),
        },
        Family {
            id: "github.user_to_server",
            group: "code-hosting",
            label: "GitHub app user token",
            keys: &["GH_USER_TOKEN"],
            shape: Token,
            generate: |r| github("ghu_", r),
        },
        Family {
            id: "github.server_to_server",
            group: "code-hosting",
            label: "GitHub installation token",
            keys: &["GITHUB_APP_TOKEN"],
            shape: Token,
            generate: |r| github("ghs_", r),
        },
        Family {
            id: "github.refresh_token",
            group: "code-hosting",
            label: "GitHub refresh token",
            keys: &["GITHUB_REFRESH_TOKEN"],
            shape: Token,
            generate: |r| github("ghr_", r),
        },
        Family {
            id: "github.fine_grained_pat",
            group: "code-hosting",
            label: "GitHub fine-grained token",
            keys: &["GITHUB_PAT", "GH_TOKEN"],
            shape: Token,
            generate: |r| format!("github_pat_11{}_{}", r.string(ALNUM_UPPER, 20), r.alnum(59)),
        },
        Family {
            id: "gitlab.pat",
            group: "code-hosting",
            label: "GitLab token",
            keys: &["GITLAB_TOKEN", "CI_JOB_TOKEN_OVERRIDE"],
            shape: Token,
            generate: |r| p("glpat-", B64URL, 20, r),
        },
        Family {
            id: "gitlab.routable_pat",
            group: "code-hosting",
            label: "GitLab token",
            keys: &["GITLAB_TOKEN"],
            shape: Token,
            generate: |r| gitlab_routable(r, "glpat-"),
        },
        Family {
            id: "gitlab.deploy_token",
            group: "code-hosting",
            label: "GitLab deploy token",
            keys: &["GITLAB_DEPLOY_TOKEN"],
            shape: Token,
            generate: |r| p("gldt-", B64URL, 20, r),
        },
        Family {
            id: "gitlab.runner_token",
            group: "code-hosting",
            label: "GitLab runner token",
            keys: &["RUNNER_TOKEN"],
            shape: Token,
            generate: |r| p("glrt-", B64URL, 20, r),
        },
        Family {
            id: "gitlab.runner_registration",
            group: "code-hosting",
            label: "runner registration token",
            keys: &["REGISTRATION_TOKEN"],
            shape: Token,
            generate: |r| p("GR1348941", B64URL, 20, r),
        },
        Family {
            id: "gitlab.ci_build_token",
            group: "code-hosting",
            label: "GitLab CI job token",
            keys: &["CI_JOB_TOKEN"],
            shape: Token,
            generate: |r| format!("glcbt-{}_{}", r.hex(2), r.string(B64URL, 20)),
        },
        Family {
            id: "gitlab.trigger_token",
            group: "code-hosting",
            label: "pipeline trigger token",
            keys: &["TRIGGER_TOKEN"],
            shape: Token,
            generate: |r| p("glptt-", HEX, 40, r),
        },
        Family {
            id: "gitlab.feed_token",
            group: "code-hosting",
            label: "GitLab feed token",
            keys: &["GITLAB_FEED_TOKEN"],
            shape: Token,
            generate: |r| p("glft-", B64URL, 20, r),
        },
        Family {
            id: "gitlab.oauth_secret",
            group: "code-hosting",
            label: "GitLab OAuth secret",
            keys: &["GITLAB_APP_SECRET"],
            shape: Token,
            generate: |r| p("gloas-", HEX, 64, r),
        },
        Family {
            id: "gitlab.agent_token",
            group: "code-hosting",
            label: "GitLab agent token",
            keys: &["AGENT_TOKEN"],
            shape: Token,
            generate: |r| p("glagent-", B64URL, 50, r),
        },
        Family {
            id: "gitlab.incoming_mail_token",
            group: "code-hosting",
            label: "GitLab incoming mail token",
            keys: &["GITLAB_INCOMING_EMAIL_TOKEN"],
            shape: Token,
            generate: |r| p("glimt-", ALNUM_LOWER, 25, r),
        },
        Family {
            id: "gitlab.scim_token",
            group: "code-hosting",
            label: "GitLab SCIM token",
            keys: &["GITLAB_SCIM_TOKEN"],
            shape: Token,
            generate: |r| p("glsoat-", B64URL, 20, r),
        },
        Family {
            id: "gitlab.feature_flag_token",
            group: "code-hosting",
            label: "feature flags client token",
            keys: &["UNLEASH_INSTANCE_ID"],
            shape: Token,
            generate: |r| p("glffct-", B64URL, 20, r),
        },
        Family {
            id: "bitbucket.app_password",
            group: "code-hosting",
            label: "Bitbucket app password",
            keys: &["BITBUCKET_APP_PASSWORD"],
            shape: Token,
            generate: |r| format!("ATBB{}{}", r.alnum(24), r.string(HEX_UP, 8)),
        },
        Family {
            id: "bitbucket.client_secret",
            group: "code-hosting",
            label: "Bitbucket OAuth secret",
            keys: &["BITBUCKET_CLIENT_SECRET"],
            shape: Token,
            generate: |r| r.alnum(32),
        },
        Family {
            id: "azure.devops_pat",
            group: "code-hosting",
            label: "Azure DevOps PAT",
            keys: &["AZURE_DEVOPS_PAT", "AZURE_DEVOPS_EXT_PAT"],
            shape: Token,
            generate: azure_devops_pat,
        },
        Family {
            id: "azure.devops_pat_legacy",
            group: "code-hosting",
            label: "Azure DevOps PAT",
            keys: &["AZURE_DEVOPS_EXT_PAT", "ADO_PAT"],
            shape: Token,
            generate: |r| r.string(b"abcdefghijklmnopqrstuvwxyz234567", 52),
        },
        Family {
            id: "circleci.pat",
            group: "code-hosting",
            label: "CircleCI token",
            keys: &["CIRCLECI_TOKEN", "CIRCLE_TOKEN"],
            shape: Token,
            generate: |r| format!("CCIPAT_{}_{}", r.alnum(22), r.hex(40)),
        },
        Family {
            id: "circleci.legacy_token",
            group: "code-hosting",
            label: "CircleCI token",
            keys: &["CIRCLE_TOKEN"],
            shape: Token,
            generate: |r| r.hex(40),
        },
        Family {
            id: "travis.token",
            group: "code-hosting",
            label: "Travis CI token",
            keys: &["TRAVIS_API_TOKEN"],
            shape: Token,
            generate: |r| r.string(B64URL, 22),
        },
        Family {
            id: "buildkite.token",
            group: "code-hosting",
            label: "Buildkite token",
            keys: &["BUILDKITE_API_TOKEN"],
            shape: Token,
            generate: |r| p("bkua_", HEX, 40, r),
        },
        Family {
            id: "jenkins.api_token",
            group: "code-hosting",
            label: "Jenkins API token",
            keys: &["JENKINS_API_TOKEN"],
            shape: Token,
            generate: |r| format!("11{}", r.hex(32)),
        },
        Family {
            id: "sourcegraph.token",
            group: "code-hosting",
            label: "Sourcegraph token",
            keys: &["SRC_ACCESS_TOKEN"],
            shape: Token,
            generate: |r| format!("sgp_{}_{}", r.hex(16), r.hex(40)),
        },
        Family {
            id: "sonarqube.token",
            group: "code-hosting",
            label: "SonarQube token",
            keys: &["SONAR_TOKEN"],
            shape: Token,
            generate: |r| format!("{}{}", r.pick(&["squ_", "sqp_", "sqa_"]), r.hex(40)),
        },
        Family {
            id: "gitea.token",
            group: "code-hosting",
            label: "Gitea token",
            keys: &["GITEA_TOKEN"],
            shape: Token,
            generate: |r| r.hex(40),
        },
        // ---- AI providers
        Family {
            id: "openai.project_key",
            group: "ai",
            label: "OpenAI key",
            keys: &["OPENAI_API_KEY"],
            shape: Token,
            generate: |r| {
                format!(
                    "sk-proj-{}T3BlbkFJ{}",
                    r.string(B64URL, 74),
                    r.string(B64URL, 74)
                )
            },
        },
        Family {
            id: "openai.service_account_key",
            group: "ai",
            label: "OpenAI service account key",
            keys: &["OPENAI_API_KEY"],
            shape: Token,
            generate: |r| {
                format!(
                    "sk-svcacct-{}T3BlbkFJ{}",
                    r.string(B64URL, 74),
                    r.string(B64URL, 74)
                )
            },
        },
        Family {
            id: "openai.admin_key",
            group: "ai",
            label: "OpenAI admin key",
            keys: &["OPENAI_ADMIN_KEY"],
            shape: Token,
            generate: |r| {
                format!(
                    "sk-admin-{}T3BlbkFJ{}",
                    r.string(B64URL, 58),
                    r.string(B64URL, 58)
                )
            },
        },
        Family {
            id: "openai.legacy_key",
            group: "ai",
            label: "OpenAI key",
            keys: &["OPENAI_API_KEY", "OPENAI_KEY"],
            shape: Token,
            generate: |r| format!("sk-{}T3BlbkFJ{}", r.alnum(20), r.alnum(20)),
        },
        Family {
            id: "anthropic.api_key",
            group: "ai",
            label: "Anthropic key",
            keys: &["ANTHROPIC_API_KEY"],
            shape: Token,
            generate: |r| format!("sk-ant-api03-{}AA", r.string(B64URL, 93)),
        },
        Family {
            id: "anthropic.admin_key",
            group: "ai",
            label: "Anthropic admin key",
            keys: &["ANTHROPIC_ADMIN_KEY"],
            shape: Token,
            generate: |r| format!("sk-ant-admin01-{}AA", r.string(B64URL, 93)),
        },
        Family {
            id: "groq.api_key",
            group: "ai",
            label: "Groq key",
            keys: &["GROQ_API_KEY"],
            shape: Token,
            generate: |r| p("gsk_", ALNUM, 52, r),
        },
        Family {
            id: "huggingface.token",
            group: "ai",
            label: "Hugging Face token",
            keys: &["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"],
            shape: Token,
            generate: |r| {
                p(
                    "hf_",
                    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                    34,
                    r,
                )
            },
        },
        Family {
            id: "huggingface.org_token",
            group: "ai",
            label: "Hugging Face org token",
            keys: &["HF_ORG_TOKEN"],
            shape: Token,
            generate: |r| {
                p(
                    "api_org_",
                    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                    34,
                    r,
                )
            },
        },
        Family {
            id: "replicate.token",
            group: "ai",
            label: "Replicate token",
            keys: &["REPLICATE_API_TOKEN"],
            shape: Token,
            generate: |r| p("r8_", ALNUM, 37, r),
        },
        Family {
            id: "perplexity.api_key",
            group: "ai",
            label: "Perplexity key",
            keys: &["PERPLEXITY_API_KEY", "PPLX_API_KEY"],
            shape: Token,
            generate: |r| p("pplx-", ALNUM, 48, r),
        },
        Family {
            id: "xai.api_key",
            group: "ai",
            label: "xAI key",
            keys: &["XAI_API_KEY", "GROK_API_KEY"],
            shape: Token,
            generate: |r| p("xai-", ALNUM, 80, r),
        },
        Family {
            id: "openrouter.api_key",
            group: "ai",
            label: "OpenRouter key",
            keys: &["OPENROUTER_API_KEY"],
            shape: Token,
            generate: |r| p("sk-or-v1-", HEX, 64, r),
        },
        Family {
            id: "mistral.api_key",
            group: "ai",
            label: "Mistral key",
            keys: &["MISTRAL_API_KEY"],
            shape: Token,
            generate: |r| r.alnum(32),
        },
        Family {
            id: "cohere.api_key",
            group: "ai",
            label: "Cohere key",
            keys: &["COHERE_API_KEY", "CO_API_KEY"],
            shape: Token,
            generate: |r| r.alnum(40),
        },
        Family {
            id: "google.gemini_api_key",
            group: "ai",
            label: "Gemini key",
            keys: &["GEMINI_API_KEY", "GOOGLE_GENAI_API_KEY"],
            shape: Token,
            generate: |r| p("AIzaSy", B64URL, 33, r),
        },
        Family {
            id: "deepseek.api_key",
            group: "ai",
            label: "DeepSeek key",
            keys: &["DEEPSEEK_API_KEY"],
            shape: Token,
            generate: |r| p("sk-", HEX, 32, r),
        },
        Family {
            id: "together.api_key",
            group: "ai",
            label: "Together AI key",
            keys: &["TOGETHER_API_KEY"],
            shape: Token,
            generate: |r| r.hex(64),
        },
        Family {
            id: "langsmith.api_key",
            group: "ai",
            label: "LangSmith key",
            keys: &["LANGSMITH_API_KEY", "LANGCHAIN_API_KEY"],
            shape: Token,
            generate: |r| format!("lsv2_{}_{}_{}", r.pick(&["pt", "sk"]), r.hex(32), r.hex(10)),
        },
        Family {
            id: "pinecone.api_key",
            group: "ai",
            label: "Pinecone key",
            keys: &["PINECONE_API_KEY"],
            shape: Token,
            generate: |r| format!("pcsk_{}_{}", r.alnum(6), r.alnum(63)),
        },
        Family {
            id: "elevenlabs.api_key",
            group: "ai",
            label: "ElevenLabs key",
            keys: &["ELEVENLABS_API_KEY", "XI_API_KEY"],
            shape: Token,
            generate: |r| p("sk_", HEX, 48, r),
        },
        Family {
            id: "wandb.api_key",
            group: "ai",
            label: "Weights & Biases key",
            keys: &["WANDB_API_KEY"],
            shape: Token,
            generate: |r| r.hex(40),
        },
        // ---- messaging
        Family {
            id: "slack.bot_token",
            group: "messaging",
            label: "Slack bot token",
            keys: &["SLACK_BOT_TOKEN"],
            shape: Token,
            generate: |r| format!("xoxb-{}-{}-{}", r.digits(12), r.digits(13), r.alnum(24)),
        },
        Family {
            id: "slack.user_token",
            group: "messaging",
            label: "Slack user token",
            keys: &["SLACK_USER_TOKEN"],
            shape: Token,
            generate: |r| {
                format!(
                    "xoxp-{}-{}-{}-{}",
                    r.digits(12),
                    r.digits(12),
                    r.digits(13),
                    r.hex(32)
                )
            },
        },
        Family {
            id: "slack.app_token",
            group: "messaging",
            label: "Slack app token",
            keys: &["SLACK_APP_TOKEN"],
            shape: Token,
            generate: |r| {
                format!(
                    "xapp-1-A{}-{}-{}",
                    r.string(ALNUM_UPPER, 10),
                    r.digits(13),
                    r.hex(64)
                )
            },
        },
        Family {
            id: "slack.webhook",
            group: "messaging",
            label: "Slack webhook",
            keys: &["SLACK_WEBHOOK_URL"],
            shape: Token,
            generate: |r| {
                format!(
                    "https://hooks.slack.com/services/T{}/B{}/{}",
                    r.string(ALNUM_UPPER, 10),
                    r.string(ALNUM_UPPER, 10),
                    r.alnum(24)
                )
            },
        },
        Family {
            id: "slack.workflow_webhook",
            group: "messaging",
            label: "Slack workflow webhook",
            keys: &["SLACK_WORKFLOW_URL"],
            shape: Token,
            generate: |r| {
                format!(
                    "https://hooks.slack.com/triggers/T{}/{}/{}",
                    r.string(ALNUM_UPPER, 10),
                    r.digits(13),
                    r.hex(32)
                )
            },
        },
        Family {
            id: "discord.bot_token",
            group: "messaging",
            label: "Discord bot token",
            keys: &["DISCORD_TOKEN", "DISCORD_BOT_TOKEN"],
            shape: Token,
            generate: discord_bot,
        },
        Family {
            id: "discord.webhook",
            group: "messaging",
            label: "Discord webhook",
            keys: &["DISCORD_WEBHOOK_URL"],
            shape: Token,
            generate: |r| {
                format!(
                    "https://discord.com/api/webhooks/{}/{}",
                    r.range(1_000_000_000_000_000_000, 1_299_999_999_999_999_999),
                    r.string(B64URL, 68)
                )
            },
        },
        Family {
            id: "telegram.bot_token",
            group: "messaging",
            label: "Telegram bot token",
            keys: &["TELEGRAM_BOT_TOKEN", "TG_TOKEN"],
            shape: Token,
            generate: |r| {
                format!(
                    "{}:AA{}",
                    r.range(1_000_000_000, 7_999_999_999),
                    r.string(B64URL, 33)
                )
            },
        },
        Family {
            id: "teams.webhook",
            group: "messaging",
            label: "Teams webhook",
            keys: &["TEAMS_WEBHOOK_URL"],
            shape: Token,
            generate: |r| {
                format!(
                    "https://{}.webhook.office.com/webhookb2/{}@{}/IncomingWebhook/{}/{}/V2{}",
                    r.pick(&["contoso", "northwindtraders", "helixlabs"]),
                    r.uuid(),
                    r.uuid(),
                    r.hex(32),
                    r.uuid(),
                    r.string(B64URL, 43)
                )
            },
        },
        Family {
            id: "mattermost.token",
            group: "messaging",
            label: "Mattermost token",
            keys: &["MATTERMOST_TOKEN"],
            shape: Token,
            generate: |r| r.string(ALNUM_LOWER, 26),
        },
        // ---- payments
        Family {
            id: "stripe.secret_key",
            group: "payments",
            label: "Stripe key",
            keys: &["STRIPE_SECRET_KEY", "STRIPE_API_KEY"],
            shape: Token,
            generate: |r| format!("sk_live_51{}", r.alnum(97)),
        },
        Family {
            id: "stripe.restricted_key",
            group: "payments",
            label: "Stripe restricted key",
            keys: &["STRIPE_RESTRICTED_KEY"],
            shape: Token,
            generate: |r| format!("rk_live_51{}", r.alnum(97)),
        },
        Family {
            id: "stripe.webhook_secret",
            group: "payments",
            label: "Stripe webhook secret",
            keys: &["STRIPE_WEBHOOK_SECRET"],
            shape: Token,
            generate: |r| p("whsec_", ALNUM, 32, r),
        },
        Family {
            id: "square.access_token",
            group: "payments",
            label: "Square access token",
            keys: &["SQUARE_ACCESS_TOKEN"],
            shape: Token,
            generate: |r| p("EAAA", B64URL, 60, r),
        },
        Family {
            id: "square.oauth_secret",
            group: "payments",
            label: "Square OAuth secret",
            keys: &["SQUARE_APPLICATION_SECRET"],
            shape: Token,
            generate: |r| p("sq0csp-", B64URL, 43, r),
        },
        Family {
            id: "braintree.access_token",
            group: "payments",
            label: "Braintree token",
            keys: &["BRAINTREE_ACCESS_TOKEN"],
            shape: Token,
            generate: |r| {
                format!(
                    "access_token$production${}${}",
                    r.string(ALNUM_LOWER, 16),
                    r.hex(32)
                )
            },
        },
        Family {
            id: "paypal.client_secret",
            group: "payments",
            label: "PayPal client secret",
            keys: &["PAYPAL_CLIENT_SECRET"],
            shape: Token,
            generate: |r| format!("E{}", r.string(B64URL, 79)),
        },
        Family {
            id: "shopify.access_token",
            group: "payments",
            label: "Shopify token",
            keys: &["SHOPIFY_ACCESS_TOKEN"],
            shape: Token,
            generate: |r| p("shpat_", HEX, 32, r),
        },
        Family {
            id: "shopify.custom_app_token",
            group: "payments",
            label: "Shopify custom app token",
            keys: &["SHOPIFY_ADMIN_TOKEN"],
            shape: Token,
            generate: |r| p("shpca_", HEX, 32, r),
        },
        Family {
            id: "shopify.private_app_token",
            group: "payments",
            label: "Shopify private app password",
            keys: &["SHOPIFY_PASSWORD"],
            shape: Token,
            generate: |r| p("shppa_", HEX, 32, r),
        },
        Family {
            id: "shopify.shared_secret",
            group: "payments",
            label: "Shopify shared secret",
            keys: &["SHOPIFY_API_SECRET"],
            shape: Token,
            generate: |r| p("shpss_", HEX, 32, r),
        },
        Family {
            id: "adyen.api_key",
            group: "payments",
            label: "Adyen API key",
            keys: &["ADYEN_API_KEY"],
            shape: Token,
            generate: adyen,
        },
        Family {
            id: "razorpay.key_secret",
            group: "payments",
            label: "Razorpay key",
            keys: &["RAZORPAY_KEY_ID"],
            shape: Token,
            generate: |r| p("rzp_live_", ALNUM, 14, r),
        },
        Family {
            id: "flutterwave.secret_key",
            group: "payments",
            label: "Flutterwave secret key",
            keys: &["FLW_SECRET_KEY"],
            shape: Token,
            generate: |r| format!("FLWSECK-{}-X", r.hex(32)),
        },
        Family {
            id: "mollie.api_key",
            group: "payments",
            label: "Mollie key",
            keys: &["MOLLIE_API_KEY"],
            shape: Token,
            generate: |r| p("live_", ALNUM, 30, r),
        },
        Family {
            id: "paystack.secret_key",
            group: "payments",
            label: "Paystack secret key",
            keys: &["PAYSTACK_SECRET_KEY"],
            shape: Token,
            generate: |r| p("sk_live_", HEX, 40, r),
        },
        Family {
            id: "plaid.access_token",
            group: "payments",
            label: "Plaid access token",
            keys: &["PLAID_ACCESS_TOKEN"],
            shape: Token,
            generate: |r| format!("access-production-{}", r.uuid()),
        },
        // ---- e-mail
        Family {
            id: "sendgrid.api_key",
            group: "email",
            label: "SendGrid key",
            keys: &["SENDGRID_API_KEY"],
            shape: Token,
            generate: |r| format!("SG.{}.{}", r.string(B64URL, 22), r.string(B64URL, 43)),
        },
        Family {
            id: "mailgun.private_key",
            group: "email",
            label: "Mailgun key",
            keys: &["MAILGUN_API_KEY"],
            shape: Token,
            generate: |r| p("key-", HEX, 32, r),
        },
        Family {
            id: "mailgun.api_key",
            group: "email",
            label: "Mailgun key",
            keys: &["MAILGUN_API_KEY"],
            shape: Token,
            generate: |r| format!("{}-{}-{}", r.hex(32), r.hex(8), r.hex(8)),
        },
        Family {
            id: "mailchimp.api_key",
            group: "email",
            label: "Mailchimp key",
            keys: &["MAILCHIMP_API_KEY"],
            shape: Token,
            generate: |r| format!("{}-us{}", r.hex(32), r.range(1, 21)),
        },
        Family {
            id: "postmark.server_token",
            group: "email",
            label: "Postmark server token",
            keys: &["POSTMARK_SERVER_TOKEN", "POSTMARK_API_TOKEN"],
            shape: Token,
            generate: |r| r.uuid(),
        },
        Family {
            id: "brevo.api_key",
            group: "email",
            label: "Brevo key",
            keys: &["BREVO_API_KEY", "SENDINBLUE_API_KEY"],
            shape: Token,
            generate: |r| format!("xkeysib-{}-{}", r.hex(64), r.alnum(16)),
        },
        Family {
            id: "brevo.smtp_key",
            group: "email",
            label: "Brevo SMTP key",
            keys: &["BREVO_SMTP_KEY"],
            shape: Token,
            generate: |r| format!("xsmtpsib-{}-{}", r.hex(64), r.alnum(16)),
        },
        Family {
            id: "resend.api_key",
            group: "email",
            label: "Resend key",
            keys: &["RESEND_API_KEY"],
            shape: Token,
            generate: |r| format!("re_{}_{}", r.alnum(8), r.alnum(24)),
        },
        Family {
            id: "mailjet.secret_key",
            group: "email",
            label: "Mailjet secret",
            keys: &["MAILJET_SECRET_KEY", "MJ_APIKEY_PRIVATE"],
            shape: Token,
            generate: |r| r.hex(32),
        },
        // ---- observability
        Family {
            id: "datadog.api_key",
            group: "observability",
            label: "Datadog API key",
            keys: &["DD_API_KEY", "DATADOG_API_KEY"],
            shape: Token,
            generate: |r| r.hex(32),
        },
        Family {
            id: "datadog.app_key",
            group: "observability",
            label: "Datadog application key",
            keys: &["DD_APP_KEY", "DATADOG_APP_KEY"],
            shape: Token,
            generate: |r| r.hex(40),
        },
        Family {
            id: "newrelic.user_key",
            group: "observability",
            label: "New Relic user key",
            keys: &["NEW_RELIC_API_KEY"],
            shape: Token,
            generate: |r| p("NRAK-", ALNUM_UPPER, 27, r),
        },
        Family {
            id: "newrelic.license_key",
            group: "observability",
            label: "New Relic license key",
            keys: &["NEW_RELIC_LICENSE_KEY"],
            shape: Token,
            generate: |r| format!("{}NRAL", r.hex(36)),
        },
        Family {
            id: "newrelic.browser_key",
            group: "observability",
            label: "New Relic browser key",
            keys: &["NEW_RELIC_BROWSER_KEY"],
            shape: Token,
            generate: |r| p("NRJS-", HEX, 19, r),
        },
        Family {
            id: "newrelic.insert_key",
            group: "observability",
            label: "New Relic insert key",
            keys: &["NEW_RELIC_INSERT_KEY"],
            shape: Token,
            generate: |r| p("NRII-", B64URL, 32, r),
        },
        Family {
            id: "sentry.org_token",
            group: "observability",
            label: "Sentry auth token",
            keys: &["SENTRY_AUTH_TOKEN"],
            shape: Token,
            generate: sentry_org_token,
        },
        Family {
            id: "sentry.user_token",
            group: "observability",
            label: "Sentry user token",
            keys: &["SENTRY_AUTH_TOKEN"],
            shape: Token,
            generate: |r| p("sntryu_", HEX, 64, r),
        },
        Family {
            id: "grafana.service_account_token",
            group: "observability",
            label: "Grafana token",
            keys: &["GRAFANA_TOKEN", "GRAFANA_SERVICE_ACCOUNT_TOKEN"],
            shape: Token,
            generate: |r| format!("glsa_{}_{}", r.alnum(32), r.hex(8)),
        },
        Family {
            id: "grafana.cloud_token",
            group: "observability",
            label: "Grafana Cloud token",
            keys: &["GRAFANA_CLOUD_TOKEN"],
            shape: Token,
            generate: grafana_cloud_token,
        },
        Family {
            id: "grafana.api_key",
            group: "observability",
            label: "Grafana API key",
            keys: &["GRAFANA_API_KEY"],
            shape: Token,
            generate: grafana_legacy_key,
        },
        Family {
            id: "honeycomb.ingest_key",
            group: "observability",
            label: "Honeycomb ingest key",
            keys: &["HONEYCOMB_API_KEY"],
            shape: Token,
            generate: |r| format!("hcaik_01{}", r.string(ALNUM_LOWER, 56)),
        },
        Family {
            id: "honeycomb.api_key",
            group: "observability",
            label: "Honeycomb key",
            keys: &["HONEYCOMB_API_KEY", "HONEYCOMB_WRITEKEY"],
            shape: Token,
            generate: |r| r.alnum(22),
        },
        Family {
            id: "dynatrace.token",
            group: "observability",
            label: "Dynatrace token",
            keys: &["DT_API_TOKEN"],
            shape: Token,
            generate: |r| {
                format!(
                    "dt0c01.{}.{}",
                    r.string(ALNUM_UPPER, 24),
                    r.string(ALNUM_UPPER, 64)
                )
            },
        },
        Family {
            id: "pagerduty.api_key",
            group: "observability",
            label: "PagerDuty key",
            keys: &["PAGERDUTY_TOKEN"],
            shape: Token,
            generate: |r| format!("u+{}", r.string(B64URL, 18)),
        },
        Family {
            id: "rollbar.access_token",
            group: "observability",
            label: "Rollbar token",
            keys: &["ROLLBAR_ACCESS_TOKEN"],
            shape: Token,
            generate: |r| r.hex(32),
        },
        Family {
            id: "axiom.api_token",
            group: "observability",
            label: "Axiom token",
            keys: &["AXIOM_TOKEN"],
            shape: Token,
            generate: |r| format!("xaat-{}", r.uuid()),
        },
        // ---- registries
        Family {
            id: "npm.access_token",
            group: "registries",
            label: "npm token",
            keys: &["NPM_TOKEN", "NODE_AUTH_TOKEN"],
            shape: Token,
            generate: |r| github("npm_", r),
        },
        Family {
            id: "pypi.upload_token",
            group: "registries",
            label: "PyPI token",
            keys: &["PYPI_TOKEN", "TWINE_PASSWORD"],
            shape: Token,
            generate: |r| pypi_token(r, "AgEIcHlwaS5vcmc"),
        },
        Family {
            id: "pypi.test_upload_token",
            group: "registries",
            label: "TestPyPI token",
            keys: &["TEST_PYPI_TOKEN"],
            shape: Token,
            generate: |r| pypi_token(r, "AgENdGVzdC5weXBpLm9yZw"),
        },
        Family {
            id: "rubygems.api_key",
            group: "registries",
            label: "RubyGems key",
            keys: &["GEM_HOST_API_KEY"],
            shape: Token,
            generate: |r| p("rubygems_", HEX, 48, r),
        },
        Family {
            id: "nuget.api_key",
            group: "registries",
            label: "NuGet key",
            keys: &["NUGET_API_KEY"],
            shape: Token,
            generate: |r| p("oy2", ALNUM_LOWER, 43, r),
        },
        Family {
            id: "dockerhub.pat",
            group: "registries",
            label: "Docker Hub token",
            keys: &["DOCKERHUB_TOKEN", "DOCKER_PASSWORD"],
            shape: Token,
            generate: |r| p("dckr_pat_", B64URL, 27, r),
        },
        Family {
            id: "dockerhub.org_token",
            group: "registries",
            label: "Docker Hub org token",
            keys: &["DOCKER_ORG_TOKEN"],
            shape: Token,
            generate: |r| p("dckr_oat_", B64URL, 32, r),
        },
        Family {
            id: "cratesio.token",
            group: "registries",
            label: "crates.io token",
            keys: &["CARGO_REGISTRY_TOKEN"],
            shape: Token,
            generate: |r| p("cio", ALNUM, 32, r),
        },
        Family {
            id: "jfrog.api_key",
            group: "registries",
            label: "Artifactory API key",
            keys: &["ARTIFACTORY_API_KEY"],
            shape: Token,
            generate: |r| p("AKCp", ALNUM, 69, r),
        },
        Family {
            id: "jfrog.reference_token",
            group: "registries",
            label: "JFrog token",
            keys: &["JFROG_ACCESS_TOKEN"],
            shape: Token,
            generate: |r| format!("cmVmdGtuOjAxOj{}", r.string(ALNUM, 50)),
        },
        Family {
            id: "clojars.token",
            group: "registries",
            label: "Clojars token",
            keys: &["CLOJARS_PASSWORD"],
            shape: Token,
            generate: |r| p("CLOJARS_", HEX, 60, r),
        },
        // ---- infrastructure
        Family {
            id: "vault.service_token",
            group: "infrastructure",
            label: "Vault token",
            keys: &["VAULT_TOKEN"],
            shape: Token,
            generate: |r| format!("hvs.CAESI{}", r.string(B64URL, 86)),
        },
        Family {
            id: "vault.batch_token",
            group: "infrastructure",
            label: "Vault batch token",
            keys: &["VAULT_TOKEN"],
            shape: Token,
            generate: |r| format!("hvb.AAAAAQ{}", r.string(B64URL, 128)),
        },
        Family {
            id: "terraform.api_token",
            group: "infrastructure",
            label: "Terraform Cloud token",
            keys: &["TFE_TOKEN", "TF_TOKEN_app_terraform_io"],
            shape: Token,
            generate: terraform_token,
        },
        Family {
            id: "doppler.service_token",
            group: "infrastructure",
            label: "Doppler token",
            keys: &["DOPPLER_TOKEN"],
            shape: Token,
            generate: |r| format!("dp.st.{}.{}", r.pick(&["prd", "dev", "stg"]), r.alnum(43)),
        },
        Family {
            id: "doppler.personal_token",
            group: "infrastructure",
            label: "Doppler token",
            keys: &["DOPPLER_TOKEN"],
            shape: Token,
            generate: |r| p("dp.pt.", ALNUM, 43, r),
        },
        Family {
            id: "pulumi.access_token",
            group: "infrastructure",
            label: "Pulumi token",
            keys: &["PULUMI_ACCESS_TOKEN"],
            shape: Token,
            generate: |r| p("pul-", HEX, 40, r),
        },
        Family {
            id: "kubernetes.service_account_token",
            group: "infrastructure",
            label: "service account token",
            keys: &["K8S_TOKEN", "KUBE_TOKEN"],
            shape: Token,
            generate: k8s_sa_jwt,
        },
        Family {
            id: "kubernetes.bootstrap_token",
            group: "infrastructure",
            label: "bootstrap token",
            keys: &["KUBEADM_TOKEN"],
            shape: Token,
            generate: |r| format!("{}.{}", r.string(ALNUM_LOWER, 6), r.string(ALNUM_LOWER, 16)),
        },
        Family {
            id: "kubernetes.client_key_data",
            group: "infrastructure",
            label: "client key",
            keys: &["client-key-data"],
            shape: Token,
            generate: |r| STANDARD.encode(keys::ec_pem(r) + "\n"),
        },
        Family {
            id: "tailscale.auth_key",
            group: "infrastructure",
            label: "Tailscale auth key",
            keys: &["TS_AUTHKEY", "TAILSCALE_AUTHKEY"],
            shape: Token,
            generate: |r| tailscale(r, "auth"),
        },
        Family {
            id: "tailscale.api_key",
            group: "infrastructure",
            label: "Tailscale API key",
            keys: &["TAILSCALE_API_KEY"],
            shape: Token,
            generate: |r| tailscale(r, "api"),
        },
        Family {
            id: "okta.api_token",
            group: "infrastructure",
            label: "Okta token",
            keys: &["OKTA_API_TOKEN", "OKTA_CLIENT_TOKEN"],
            shape: Token,
            generate: |r| p("00", B64URL, 40, r),
        },
        Family {
            id: "auth0.client_secret",
            group: "infrastructure",
            label: "Auth0 client secret",
            keys: &["AUTH0_CLIENT_SECRET"],
            shape: Token,
            generate: |r| r.string(B64URL, 64),
        },
        Family {
            id: "atlassian.api_token",
            group: "infrastructure",
            label: "Atlassian API token",
            keys: &["JIRA_API_TOKEN", "ATLASSIAN_API_TOKEN"],
            shape: Token,
            generate: |r| {
                format!(
                    "ATATT3xFfGF0{}={}",
                    r.string(B64URL, 171),
                    r.string(HEX_UP, 8)
                )
            },
        },
        Family {
            id: "twilio.api_key",
            group: "infrastructure",
            label: "Twilio API key",
            keys: &["TWILIO_API_KEY"],
            shape: Token,
            generate: |r| p("SK", HEX, 32, r),
        },
        Family {
            id: "twilio.auth_token",
            group: "infrastructure",
            label: "Twilio auth token",
            keys: &["TWILIO_AUTH_TOKEN"],
            shape: Token,
            generate: |r| r.hex(32),
        },
        Family {
            id: "onepassword.service_account_token",
            group: "infrastructure",
            label: "1Password service account token",
            keys: &["OP_SERVICE_ACCOUNT_TOKEN"],
            shape: Token,
            generate: onepassword_sa,
        },
        Family {
            id: "ngrok.authtoken",
            group: "infrastructure",
            label: "ngrok authtoken",
            keys: &["NGROK_AUTHTOKEN"],
            shape: Token,
            generate: |r| format!("2{}_{}", r.alnum(26), r.alnum(21)),
        },
        Family {
            id: "fastly.api_token",
            group: "infrastructure",
            label: "Fastly token",
            keys: &["FASTLY_API_TOKEN"],
            shape: Token,
            generate: |r| r.string(B64URL, 32),
        },
        // ---- SaaS
        Family {
            id: "linear.api_key",
            group: "saas",
            label: "Linear key",
            keys: &["LINEAR_API_KEY"],
            shape: Token,
            generate: |r| p("lin_api_", ALNUM, 40, r),
        },
        Family {
            id: "notion.token",
            group: "saas",
            label: "Notion token",
            keys: &["NOTION_TOKEN", "NOTION_API_KEY"],
            shape: Token,
            generate: |r| format!("ntn_{}{}", r.digits(11), r.alnum(35)),
        },
        Family {
            id: "notion.legacy_secret",
            group: "saas",
            label: "Notion integration secret",
            keys: &["NOTION_TOKEN"],
            shape: Token,
            generate: |r| p("secret_", ALNUM, 43, r),
        },
        Family {
            id: "postman.api_key",
            group: "saas",
            label: "Postman key",
            keys: &["POSTMAN_API_KEY"],
            shape: Token,
            generate: |r| format!("PMAK-{}-{}", r.hex(24), r.hex(34)),
        },
        Family {
            id: "airtable.pat",
            group: "saas",
            label: "Airtable token",
            keys: &["AIRTABLE_TOKEN"],
            shape: Token,
            generate: |r| format!("pat{}.{}", r.alnum(14), r.hex(64)),
        },
        Family {
            id: "figma.pat",
            group: "saas",
            label: "Figma token",
            keys: &["FIGMA_TOKEN"],
            shape: Token,
            generate: |r| p("figd_", B64URL, 40, r),
        },
        Family {
            id: "asana.pat",
            group: "saas",
            label: "Asana token",
            keys: &["ASANA_TOKEN"],
            shape: Token,
            generate: |r| format!("2/{}/{}:{}", r.digits(16), r.digits(16), r.hex(32)),
        },
        Family {
            id: "hubspot.private_app_token",
            group: "saas",
            label: "HubSpot token",
            keys: &["HUBSPOT_ACCESS_TOKEN"],
            shape: Token,
            generate: |r| format!("pat-{}-{}", r.pick(&["na1", "eu1"]), r.uuid()),
        },
        Family {
            id: "contentful.pat",
            group: "saas",
            label: "Contentful token",
            keys: &["CONTENTFUL_MANAGEMENT_TOKEN"],
            shape: Token,
            generate: |r| p("CFPAT-", B64URL, 43, r),
        },
        Family {
            id: "typeform.pat",
            group: "saas",
            label: "Typeform token",
            keys: &["TYPEFORM_TOKEN"],
            shape: Token,
            generate: |r| format!("tfp_{}_{}", r.string(ALNUM, 44), r.alnum(14)),
        },
        Family {
            id: "mapbox.secret_token",
            group: "saas",
            label: "Mapbox secret token",
            keys: &["MAPBOX_SECRET_TOKEN"],
            shape: Token,
            generate: mapbox_secret,
        },
        Family {
            id: "dropbox.access_token",
            group: "saas",
            label: "Dropbox token",
            keys: &["DROPBOX_ACCESS_TOKEN"],
            shape: Token,
            generate: |r| format!("sl.B{}", r.string(B64URL, 135)),
        },
        Family {
            id: "shippo.api_token",
            group: "saas",
            label: "Shippo token",
            keys: &["SHIPPO_API_KEY"],
            shape: Token,
            generate: |r| p("shippo_live_", HEX, 40, r),
        },
        Family {
            id: "easypost.api_key",
            group: "saas",
            label: "EasyPost key",
            keys: &["EASYPOST_API_KEY"],
            shape: Token,
            generate: |r| p("EZAK", ALNUM, 54, r),
        },
        Family {
            id: "algolia.admin_key",
            group: "saas",
            label: "Algolia admin key",
            keys: &["ALGOLIA_ADMIN_KEY"],
            shape: Token,
            generate: |r| r.hex(32),
        },
        Family {
            id: "facebook.access_token",
            group: "saas",
            label: "Facebook token",
            keys: &["FACEBOOK_ACCESS_TOKEN", "FB_PAGE_TOKEN"],
            shape: Token,
            generate: |r| format!("EAAB{}", r.alnum(180)),
        },
        Family {
            id: "twitter.bearer_token",
            group: "saas",
            label: "X bearer token",
            keys: &["TWITTER_BEARER_TOKEN"],
            shape: Token,
            generate: |r| format!("AAAAAAAAAAAAAAAAAAAAA{}%3D{}", r.alnum(40), r.alnum(50)),
        },
        Family {
            id: "launchdarkly.sdk_key",
            group: "saas",
            label: "LaunchDarkly SDK key",
            keys: &["LAUNCHDARKLY_SDK_KEY"],
            shape: Token,
            generate: |r| format!("sdk-{}", r.uuid()),
        },
        Family {
            id: "prefect.api_key",
            group: "saas",
            label: "Prefect key",
            keys: &["PREFECT_API_KEY"],
            shape: Token,
            generate: |r| p("pnu_", ALNUM, 36, r),
        },
        // ---- private keys
        Family {
            id: "private_key.rsa",
            group: "private-keys",
            label: "private key",
            keys: &["PRIVATE_KEY", "SSL_KEY"],
            shape: Multiline,
            generate: keys::rsa_pem,
        },
        Family {
            id: "private_key.ec",
            group: "private-keys",
            label: "private key",
            keys: &["EC_PRIVATE_KEY", "SIGNING_KEY"],
            shape: Multiline,
            generate: keys::ec_pem,
        },
        Family {
            id: "private_key.pkcs8",
            group: "private-keys",
            label: "private key",
            keys: &["PRIVATE_KEY", "JWT_PRIVATE_KEY"],
            shape: Multiline,
            generate: keys::pkcs8_pem,
        },
        Family {
            id: "private_key.pkcs8_encrypted",
            group: "private-keys",
            label: "encrypted private key",
            keys: &["ENCRYPTED_KEY", "TLS_KEY"],
            shape: Multiline,
            generate: keys::encrypted_pkcs8_pem,
        },
        Family {
            id: "private_key.rsa_encrypted",
            group: "private-keys",
            label: "encrypted private key",
            keys: &["SERVER_KEY"],
            shape: Multiline,
            generate: keys::legacy_encrypted_rsa_pem,
        },
        Family {
            id: "private_key.dsa",
            group: "private-keys",
            label: "private key",
            keys: &["DSA_KEY"],
            shape: Multiline,
            generate: keys::dsa_pem,
        },
        Family {
            id: "private_key.openssh",
            group: "private-keys",
            label: "SSH key",
            keys: &["SSH_PRIVATE_KEY", "DEPLOY_KEY"],
            shape: Multiline,
            generate: |r| {
                let c = format!("{}@{}", user(r), r.pick(&["laptop", "build-01", "bastion"]));
                keys::openssh_pem(r, &c)
            },
        },
        Family {
            id: "private_key.putty",
            group: "private-keys",
            label: "PuTTY key",
            keys: &["PPK"],
            shape: Multiline,
            generate: |r| {
                let c = format!("ed25519-key-2024{:02}{:02}", r.range(1, 12), r.range(1, 28));
                keys::putty_ppk(r, &c)
            },
        },
        Family {
            id: "private_key.pgp",
            group: "private-keys",
            label: "PGP private key",
            keys: &["GPG_PRIVATE_KEY", "SIGNING_KEY"],
            shape: Multiline,
            generate: |r| {
                let (f, l) = pii::person(r);
                let uid = format!(
                    "{} {} <{f}.{l}@posteo.de>",
                    pii::capitalize(&f),
                    pii::capitalize(&l)
                );
                keys::pgp_private(r, &uid)
            },
        },
        Family {
            id: "age.secret_key",
            group: "private-keys",
            label: "age key",
            keys: &["SOPS_AGE_KEY", "AGE_SECRET_KEY"],
            shape: Token,
            generate: keys::age_secret,
        },
        // ---- connection strings
        Family {
            id: "conn.postgres",
            group: "connection-strings",
            label: "database URL",
            keys: &["DATABASE_URL", "POSTGRES_URL"],
            shape: Token,
            generate: |r| {
                format!(
                    "postgresql://{}:{}@{}:5432/{}",
                    user(r),
                    conn_password(r),
                    host(r, "eu-west-1.rds.amazonaws.com"),
                    r.pick(&["orders", "app", "analytics"])
                )
            },
        },
        Family {
            id: "conn.mysql",
            group: "connection-strings",
            label: "database URL",
            keys: &["MYSQL_URL", "DATABASE_URL"],
            shape: Token,
            generate: |r| {
                format!(
                    "mysql://{}:{}@{}:3306/{}",
                    user(r),
                    conn_password(r),
                    host(r, "internal"),
                    r.pick(&["shop", "wp", "crm"])
                )
            },
        },
        Family {
            id: "conn.mongodb",
            group: "connection-strings",
            label: "MongoDB URI",
            keys: &["MONGODB_URI", "MONGO_URL"],
            shape: Token,
            generate: |r| {
                format!(
                    "mongodb+srv://{}:{}@cluster0.{}.mongodb.net/{}?retryWrites=true&w=majority",
                    user(r),
                    conn_password(r),
                    r.string(ALNUM_LOWER, 5),
                    r.pick(&["prod", "test", "app"])
                )
            },
        },
        Family {
            id: "conn.redis",
            group: "connection-strings",
            label: "Redis URL",
            keys: &["REDIS_URL"],
            shape: Token,
            generate: |r| {
                format!(
                    "rediss://default:{}@{}:6380/0",
                    r.alnum(32),
                    host(r, "cache.windows.net")
                )
            },
        },
        Family {
            id: "conn.amqp",
            group: "connection-strings",
            label: "AMQP URL",
            keys: &["AMQP_URL", "RABBITMQ_URL", "CELERY_BROKER_URL"],
            shape: Token,
            generate: |r| {
                format!(
                    "amqps://{}:{}@{}/{}",
                    user(r),
                    conn_password(r),
                    host(r, "rmq.cloudamqp.com"),
                    r.string(ALNUM_LOWER, 8)
                )
            },
        },
        Family {
            id: "conn.jdbc",
            group: "connection-strings",
            label: "JDBC URL",
            keys: &["JDBC_URL", "SPRING_DATASOURCE_URL"],
            shape: Token,
            generate: |r| {
                if r.chance(50) {
                    format!(
                        "jdbc:postgresql://{}:5432/app?user={}&password={}",
                        host(r, "internal"),
                        user(r),
                        db_password(r).replace('&', "!")
                    )
                } else {
                    format!(
                        "jdbc:sqlserver://{}:1433;databaseName=erp;user=sa;password={};encrypt=true",
                        host(r, "database.windows.net"),
                        db_password(r).replace(';', "!")
                    )
                }
            },
        },
        Family {
            id: "conn.adonet",
            group: "connection-strings",
            label: "connection string",
            keys: &["ConnectionStrings__Default", "SQL_CONNECTION_STRING"],
            shape: Token,
            generate: |r| {
                format!(
                    "Server=tcp:{},1433;Initial Catalog=erp;Persist Security Info=False;User ID={};Password={};MultipleActiveResultSets=False;Encrypt=True;",
                    host(r, "database.windows.net"),
                    user(r),
                    db_password(r).replace(';', "!")
                )
            },
        },
        Family {
            id: "conn.ftp",
            group: "connection-strings",
            label: "FTP URL",
            keys: &["FTP_URL"],
            shape: Token,
            generate: |r| {
                format!(
                    "ftp://{}:{}@{}/outgoing",
                    user(r),
                    conn_password(r),
                    host(r, "partner-ftp.net")
                )
            },
        },
        Family {
            id: "conn.smtp",
            group: "connection-strings",
            label: "SMTP URL",
            keys: &["SMTP_URL", "EMAIL_URL"],
            shape: Token,
            generate: |r| {
                format!(
                    "smtp://{}:{}@smtp.{}:587",
                    pii::email(r).replace('@', "%40"),
                    conn_password(r),
                    r.pick(&["office365.com", "mailgun.org", "gmail.com"])
                )
            },
        },
        // ---- HTTP auth, JWT
        Family {
            id: "http.basic_auth",
            group: "http-auth",
            label: "basic auth header",
            keys: &["Authorization"],
            shape: Header,
            generate: basic_auth,
        },
        Family {
            id: "http.bearer_token",
            group: "http-auth",
            label: "bearer token",
            keys: &["Authorization"],
            shape: Header,
            generate: |r| format!("Bearer {}", r.string(B64URL, 48)),
        },
        Family {
            id: "http.url_credentials",
            group: "http-auth",
            label: "URL with credentials",
            keys: &["UPSTREAM_URL", "WEBHOOK_URL"],
            shape: Token,
            generate: |r| {
                format!(
                    "https://{}:{}@{}/api/v2/",
                    user(r),
                    conn_password(r),
                    host(r, "partner-api.com")
                )
            },
        },
        Family {
            id: "jwt.hs256",
            group: "jwt",
            label: "JWT",
            keys: &["ACCESS_TOKEN", "JWT"],
            shape: Token,
            generate: |r| jwt(r, "HS256", 32),
        },
        Family {
            id: "jwt.rs256",
            group: "jwt",
            label: "JWT",
            keys: &["ID_TOKEN", "AUTH_TOKEN"],
            shape: Token,
            generate: |r| jwt(r, "RS256", 256),
        },
        Family {
            id: "jwt.es256",
            group: "jwt",
            label: "JWT",
            keys: &["SESSION_TOKEN", "API_JWT"],
            shape: Token,
            generate: |r| jwt(r, "ES256", 64),
        },
        // ---- generic and human
        Family {
            id: "generic.api_key",
            group: "generic",
            label: "API key",
            keys: &["API_KEY", "PARTNER_API_KEY", "X_API_KEY"],
            shape: Token,
            generate: |r| r.alnum(32),
        },
        Family {
            id: "generic.secret_key",
            group: "generic",
            label: "secret key",
            keys: &["SECRET_KEY", "DJANGO_SECRET_KEY"],
            shape: Token,
            generate: |r| r.string(b"abcdefghijklmnopqrstuvwxyz0123456789!@#%^*(-_=+)", 50),
        },
        Family {
            id: "generic.client_secret",
            group: "generic",
            label: "client secret",
            keys: &["CLIENT_SECRET", "OAUTH_CLIENT_SECRET"],
            shape: Token,
            generate: |r| r.string(B64URL, 40),
        },
        Family {
            id: "generic.app_key",
            group: "generic",
            label: "app key",
            keys: &["APP_KEY"],
            shape: Token,
            generate: |r| format!("base64:{}", STANDARD.encode(r.bytes(32))),
        },
        Family {
            id: "generic.encryption_key",
            group: "generic",
            label: "encryption key",
            keys: &["ENCRYPTION_KEY", "MASTER_KEY"],
            shape: Token,
            generate: |r| r.hex(64),
        },
        Family {
            id: "password.assignment",
            group: "passwords",
            label: "password",
            keys: &[
                "DB_PASSWORD",
                "ADMIN_PASSWORD",
                "SMTP_PASSWORD",
                "POSTGRES_PASSWORD",
                "password",
            ],
            shape: Token,
            generate: human_password,
        },
        Family {
            id: "password.passphrase",
            group: "passwords",
            label: "passphrase",
            keys: &["KEY_PASSPHRASE", "passphrase"],
            shape: Token,
            generate: human_password,
        },
        Family {
            id: "password.prose",
            group: "passwords",
            label: "password",
            keys: &["password"],
            shape: Prose,
            generate: human_password,
        },
        Family {
            id: "password.cli_flag",
            group: "passwords",
            label: "password",
            keys: &["--password"],
            shape: Prose,
            generate: human_password,
        },
    ]
}

fn pii_families() -> Vec<Family> {
    use Shape::Pii;
    vec![
        Family {
            id: "pii.card_visa",
            group: "pii",
            label: "card number",
            keys: &["card_number"],
            shape: Pii,
            generate: |r| {
                let d = pii::card_digits(r, "visa", true);
                pii::format_card(r, &d)
            },
        },
        Family {
            id: "pii.card_mastercard",
            group: "pii",
            label: "card number",
            keys: &["card_number", "cc"],
            shape: Pii,
            generate: |r| {
                let d = pii::card_digits(r, "mastercard", true);
                pii::format_card(r, &d)
            },
        },
        Family {
            id: "pii.card_amex",
            group: "pii",
            label: "Amex number",
            keys: &["card_number"],
            shape: Pii,
            generate: |r| {
                let d = pii::card_digits(r, "amex", true);
                pii::format_card(r, &d)
            },
        },
        Family {
            id: "pii.card_discover",
            group: "pii",
            label: "card number",
            keys: &["pan"],
            shape: Pii,
            generate: |r| {
                let d = pii::card_digits(r, "discover", true);
                pii::format_card(r, &d)
            },
        },
        Family {
            id: "pii.card_jcb",
            group: "pii",
            label: "card number",
            keys: &["card_number"],
            shape: Pii,
            generate: |r| {
                let d = pii::card_digits(r, "jcb", true);
                pii::format_card(r, &d)
            },
        },
        Family {
            id: "pii.card_diners",
            group: "pii",
            label: "card number",
            keys: &["card_number"],
            shape: Pii,
            generate: |r| {
                let d = pii::card_digits(r, "diners", true);
                pii::format_card(r, &d)
            },
        },
        Family {
            id: "pii.card_unionpay",
            group: "pii",
            label: "card number",
            keys: &["card_number"],
            shape: Pii,
            generate: |r| {
                let d = pii::card_digits(r, "unionpay", true);
                pii::format_card(r, &d)
            },
        },
        Family {
            id: "pii.iban_de",
            group: "pii",
            label: "IBAN",
            keys: &["iban"],
            shape: Pii,
            generate: |r| pii::iban(r, "DE", true),
        },
        Family {
            id: "pii.iban_fr",
            group: "pii",
            label: "IBAN",
            keys: &["iban"],
            shape: Pii,
            generate: |r| pii::iban(r, "FR", true),
        },
        Family {
            id: "pii.iban_gb",
            group: "pii",
            label: "IBAN",
            keys: &["iban"],
            shape: Pii,
            generate: |r| pii::iban(r, "GB", true),
        },
        Family {
            id: "pii.iban_nl",
            group: "pii",
            label: "IBAN",
            keys: &["iban"],
            shape: Pii,
            generate: |r| pii::iban(r, "NL", true),
        },
        Family {
            id: "pii.iban_be",
            group: "pii",
            label: "IBAN",
            keys: &["iban"],
            shape: Pii,
            generate: |r| pii::iban(r, "BE", true),
        },
        Family {
            id: "pii.us_ssn",
            group: "pii",
            label: "SSN",
            keys: &["ssn", "social_security_number"],
            shape: Pii,
            generate: pii::ssn,
        },
        Family {
            id: "pii.email",
            group: "pii",
            label: "e-mail",
            keys: &["email", "contact_email"],
            shape: Pii,
            generate: pii::email,
        },
        Family {
            id: "pii.phone_us",
            group: "pii",
            label: "phone number",
            keys: &["phone", "mobile"],
            shape: Pii,
            generate: pii::phone_us,
        },
        Family {
            id: "pii.phone_intl",
            group: "pii",
            label: "phone number",
            keys: &["phone", "telefon"],
            shape: Pii,
            generate: pii::phone_intl,
        },
        Family {
            id: "pii.uk_nhs",
            group: "pii",
            label: "NHS number",
            keys: &["nhs_number"],
            shape: Pii,
            generate: |r| pii::uk_nhs(r, false),
        },
        Family {
            id: "pii.de_steuer_id",
            group: "pii",
            label: "Steuer-ID",
            keys: &["steuer_id", "tax_id"],
            shape: Pii,
            generate: |r| pii::de_steuer_id(r, false),
        },
        Family {
            id: "pii.fr_nir",
            group: "pii",
            label: "numéro de sécurité sociale",
            keys: &["nir", "numero_secu"],
            shape: Pii,
            generate: |r| pii::fr_nir(r, false),
        },
        Family {
            id: "pii.es_dni",
            group: "pii",
            label: "DNI",
            keys: &["dni"],
            shape: Pii,
            generate: |r| pii::es_dni(r, false),
        },
        Family {
            id: "pii.it_codice_fiscale",
            group: "pii",
            label: "codice fiscale",
            keys: &["codice_fiscale"],
            shape: Pii,
            generate: |r| pii::it_codice_fiscale(r, false),
        },
        Family {
            id: "pii.nl_bsn",
            group: "pii",
            label: "BSN",
            keys: &["bsn", "burgerservicenummer"],
            shape: Pii,
            generate: |r| pii::nl_bsn(r, false),
        },
        Family {
            id: "pii.se_personnummer",
            group: "pii",
            label: "personnummer",
            keys: &["personnummer"],
            shape: Pii,
            generate: |r| pii::se_personnummer(r, false),
        },
        Family {
            id: "pii.fi_hetu",
            group: "pii",
            label: "henkilötunnus",
            keys: &["hetu", "henkilotunnus"],
            shape: Pii,
            generate: |r| pii::fi_hetu(r, false),
        },
        Family {
            id: "pii.pl_pesel",
            group: "pii",
            label: "PESEL",
            keys: &["pesel"],
            shape: Pii,
            generate: |r| pii::pl_pesel(r, false),
        },
        Family {
            id: "pii.be_national_number",
            group: "pii",
            label: "rijksregisternummer",
            keys: &["rijksregisternummer", "national_number"],
            shape: Pii,
            generate: |r| pii::be_national_number(r, false),
        },
        Family {
            id: "pii.br_cpf",
            group: "pii",
            label: "CPF",
            keys: &["cpf"],
            shape: Pii,
            generate: |r| pii::br_cpf(r, false),
        },
        Family {
            id: "pii.ca_sin",
            group: "pii",
            label: "SIN",
            keys: &["sin", "social_insurance_number"],
            shape: Pii,
            generate: |r| pii::ca_sin(r, false),
        },
        Family {
            id: "pii.in_aadhaar",
            group: "pii",
            label: "Aadhaar",
            keys: &["aadhaar", "aadhaar_number"],
            shape: Pii,
            generate: |r| pii::in_aadhaar(r, false),
        },
        Family {
            id: "pii.cn_resident_id",
            group: "pii",
            label: "身份证号",
            keys: &["id_number", "shenfenzheng"],
            shape: Pii,
            generate: |r| pii::cn_resident_id(r, false),
        },
    ]
}

/// Every family, in a fixed order (the order numbers the output files).
pub fn all() -> Vec<Family> {
    let mut v = secret_families();
    v.extend(credential_files());
    v.extend(pii_families());
    v
}
