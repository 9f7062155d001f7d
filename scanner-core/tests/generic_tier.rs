//! The generic tier: human passwords and random secrets next to credential
//! words are found; references, code, hashes, public keys, documentation
//! values and prose are not; keyword floods finish within the limits.
//!
//! Every line is checked on its own and a failure names the line's index,
//! its key side (text before the value) and at most a finding's preview.
//! Passwords here are invented; tokens are pseudo-random from a seed.

use scanner_core::{Report, ScanOptions, WarningCode, scan};

fn scan_text(text: &str) -> Report {
    scan(text.as_bytes(), "generic.txt", &ScanOptions::default()).expect("text scans")
}

/// `len` base62 characters, pseudo-random from `seed`.
fn token(seed: u64, len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            char::from(ALPHABET[(state % 62) as usize])
        })
        .collect()
}

/// What a failure message may show of a test line: at most its first 24
/// characters, which in these tables end before or early in the value.
fn shown(line: &str) -> String {
    line.chars().take(24).collect()
}

/// Rules that report a human password.
const PASSWORD_RULES: &[&str] = &["generic.password_assignment", "generic.credential_flag"];

/// Lines holding a human-chosen password.
fn password_lines() -> Vec<String> {
    [
        // Environment files and shells.
        "DB_PASSWORD=Summer2024!",
        "DB_PASSWORD=MyPassword#2024",
        "export ADMIN_PASSWORD='Winter#Falls88'",
        "SMTP_PASS=Lighthouse#42",
        "MYSQL_ROOT_PASSWORD=Tangerine7$",
        "REDIS_PASSWORD=\"Blue-Heron-55\"",
        "set PGPASSWORD=Maple!Leaf19",
        "$env:SQL_PASSWORD = \"Orchard#2023\"",
        // YAML, TOML, INI, properties.
        "password: Password1!",
        "  password: 'Harbor-Lights-77'",
        "db_password: \"Cobalt%Rain42\"",
        "password = \"Velvet!Moon3\"",
        "password=Granite2022?",
        "spring.datasource.password=h4ppyOtter",
        "jdbc.password = Falcon_Ridge8",
        "passphrase: Copper9-Kettle",
        // JSON and XML.
        "{\"username\": \"mhall\", \"password\": \"Kestrel!88\"}",
        "\"adminPassword\": \"Sunset#Bay14\",",
        "<password>Quartz$Falcon9</password>",
        "<add key=\"SmtpPassword\" value=\"x\"/><Password>River%Stone6</Password>",
        "<connectionString>Server=db;User Id=app;Password=Ember!Field5;</connectionString>",
        // Code.
        "conn = psycopg2.connect(host=\"db\", user=\"etl\", password=\"w1nter-Harbor\")",
        "PASSWORD = \"Autumn#Leaves21\"",
        "const password = \"Pebble!Beach09\";",
        "let password: &str = \"Crimson#Tide44\";",
        "password := \"Silver-Fox2020\"",
        "String password = \"Ocean!Breeze7\";",
        "var dbPassword = \"Thunder#Bolt31\";",
        "user.setPassword(\"Aut0mn-Leaf\");",
        "client.login(\"mhall\", password='Cactus#Bloom8')",
        ":password => \"Meadow!Lark26\",",
        "if password == \"Lantern#Glow5\":",
        "$password = 'Bramble!Rose3';",
        "val password: String = \"Glacier#Peak12\"",
        // Command lines and URLs.
        "mysqldump --user=backup --password=Vr4nd0m!x db",
        "vpn-cli connect --password 'Tundra#Wolf61' --user ops",
        "https://app.internal/login?user=ops&password=Nimbus!Cloud4&next=/",
        // Prose and chat, several languages.
        "my password is Marigold1987?",
        "The new password is: Saffron#Tea22",
        "pw: Jasmine!Night5",
        "pwd=Gr33nfield",
        "Kennwort: Sonnenblume-77",
        "Das Passwort lautet Kirschbaum#12",
        "mot de passe : Cerise2019!",
        "contraseña: Girasol_2023",
        "La contraseña es Mariposa#44",
        "senha: Jabuticaba!9",
        "wachtwoord: Tulpen#Veld3",
        "lösenord: Midsommar#24",
        "hasło: Bursztyn!77",
        "пароль: Berezka#2021",
        "wifi passwd: Coffee%Cake99",
        // Weak but real.
        "password: Secret#123",
        "password: letmein99",
        "password=Admin2024!",
        "password: Qwerty!234",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Lines holding a random secret next to a credential word.
fn secret_lines() -> Vec<String> {
    let t = |seed, len| token(seed, len);
    vec![
        format!("WIDGETLY_API_KEY={}", t(1, 24)),
        format!("\"client_secret\": \"{}\"", t(2, 40)),
        format!("ACME_TOKEN: '{}'", t(3, 20)),
        format!("export ORBIT_SECRET_KEY={}", t(4, 32)),
        format!(
            "curl -H \"X-Api-Key: {}\" https://api.widgetly.io/v1",
            t(5, 28)
        ),
        format!("widgetly login --token {}", t(6, 26)),
        format!("Authorization: Bearer {}", t(7, 36)),
        format!("<secret>{}</secret>", t(8, 24)),
        format!("api_key = \"{}\"", t(9, 32)),
        format!("apiKey: \"{}\",", t(10, 30)),
        format!("self.secret = \"{}\"", t(11, 44)),
        format!("auth_token := \"{}\"", t(12, 40)),
        format!("private_key = '{}'", t(13, 48)),
        format!("[default]\naccess_key = {}", t(14, 24)),
        format!("signing_secret={}", t(15, 32)),
        format!("cli deploy --api-key={}", t(16, 32)),
        format!("const TOKEN = `{}`;", t(17, 40)),
        format!("  credentials: {}", t(18, 40)),
        format!("headers = {{\"X-Auth-Token\": \"{}\"}}", t(19, 32)),
    ]
}

/// Lines that must not raise a generic finding.
fn negative_lines() -> Vec<String> {
    let mut lines: Vec<String> = [
        // References to somewhere else.
        "password: ${DB_PASSWORD}",
        "password=${PASSWORD}",
        "DB_PASSWORD=$DB_PASSWORD",
        "password: '%env(DB_PASS)%'",
        "password = '%(db_password)s' % params",
        "password: \"{{ vault_db_password }}\"",
        "password: {db_password}",
        "password = os.environ[\"DB_PASSWORD\"]",
        "password = os.environ.get('DB_PASSWORD')",
        "const password = process.env.DB_PASSWORD;",
        "password = ENV['DB_PASSWORD']",
        "String password = System.getenv(\"DB_PASSWORD\");",
        "password: ${{ secrets.DB_PASSWORD }}",
        "token: ${{ secrets.GITHUB_TOKEN }}",
        "password: !vault |",
        "password: ref+vault://secret/db#/password",
        "secret: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-7xQ2",
        "api_key: ${API_KEY}",
        "SECRET_KEY = os.environ[\"SECRET_KEY\"]",
        "api_key = settings.WIDGETLY_API_KEY",
        "password = config.get('db', 'password')",
        "password = self._password",
        "password: valueFrom.secretKeyRef",
        "password=$(cat /run/secrets/db_password)",
        "password = `pass show db/prod`",
        // Hashes.
        "password: $2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
        "password: $argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$RdescudvJCsgt3ub",
        "\"password\": \"pbkdf2_sha256$600000$c2FsdA$Jr8kdl2Y4ZgkfI7c5qOa1hW4hjpmqJ0Lnq3f1e0fT6A=\"",
        "password: scrypt:32768:8:1$k2Jd$9f86d081884c7d659a2feaa0c55ad015",
        "password: {SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=",
        "password: 5f4dcc3b5aa765d61d8327deb882cf99",
        "token: \"d41d8cd98f00b204e9800998ecf8427e\"",
        "token = \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"",
        "token = \"sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==\"",
        "secret: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "client_secret = \"3f2b8a1c-9d4e-4f6a-8b7c-2e1d0a9f8b7c\"",
        "password: 3f2b8a1c-9d4e-4f6a-8b7c-2e1d0a9f8b7c",
        // Paths and URLs without credentials.
        "private_key: /etc/ssl/private/server.key",
        "password_file: /run/secrets/db",
        "password: ./secrets/db.txt",
        "secret: ~/.config/app/secret.json",
        "token: https://auth.internal/oauth/token",
        "password: C:\\secrets\\db.txt",
        "PWD=/home/build/src/app",
        "OLDPWD=/home/build",
        // Public keys.
        "api_key: pk_live_51Hq8ZtLq2Wr6Xv9Nc4Kp7Bs1Dj3",
        "secret = \"ssh-ed25519AAAAC3NzaC1lZDI1NTE5AAAAIG8kNq\"",
        "private_key: ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 user@host",
        "token: AAAAC3NzaC1lZDI1NTE5AAAAIG8kNqLq2Wr6Xv9Nc4Kp7Bs",
        "private_key: -----BEGIN PUBLIC KEY-----",
        // Documentation values.
        "password: P@ssw0rd",
        "password: hunter2",
        "password: Tr0ub4dor&3",
        "password: correcthorsebatterystaple",
        "SA_PASSWORD=YourStrong!Passw0rd",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "secret_key: your-secret-key-here",
        "api_key: <YOUR_API_KEY>",
        "password: changeme",
        "password: ********",
        "password: xxxxxxxx",
        "token: aaaaaaaaaaaaaaaaaaaaaaaa",
        "SECRET_KEY = 'secret_key_for_local_development_only'",
        "api_key: sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        // Type names and code.
        "password: str",
        "password: String",
        "password = None",
        "password=password",
        "password: password",
        "password: Password",
        "password = getpass.getpass()",
        "def login(user: str, password: str) -> bool:",
        "fn open(path: &Path, password: Utf8Str, mode: u32)",
        "pub password: Option<String>,",
        "password: &'a str,",
        "password: impl AsRef<str>,",
        "let password: Vec<u8> = read_secret()?;",
        "password: PasswordHash<'_>,",
        "password_hash = bcrypt.hashpw(password, salt)",
        "if password == confirm_password:",
        "password = self.password",
        "password = hash_password(raw)",
        "password = request.form['password']",
        "password: newPassword,",
        "password = user_password",
        "password: string;",
        "Password string `json:\"password\"`",
        "AuthKind::Password => Self::Basic,",
        "Password => write!(f, \"password\"),",
        "password: passwordInput.value,",
        "password = kwargs.pop('password', None)",
        "token_type = TokenType.IDENTIFIER_OR_KEYWORD",
        "tokenizer = AutoTokenizer.from_pretrained(name)",
        "token: TokenTree,",
        "let token = self.next_token()?;",
        "secret: SecretString,",
        "api_key: Optional[str] = None",
        // CSS, HTML, translations.
        "input[type=password]:focus-visible { outline: none; }",
        "#password:hover { color: red; }",
        ".password-field { width: 100%; }",
        "<input type=\"password\" name=\"password\" id=\"password\">",
        "<label for=\"password\">Password</label>",
        "<a href=\"#reset-password\">forgot-password-link</a>",
        "\"password\": \"Passwort\",",
        "\"password\": \"Mot de passe\",",
        "\"password\": \"auth.form.password\",",
        "password: t('auth.password.label'),",
        "\"password\": \"i18n:password\",",
        "<a href=\"#r-lex.token.reserved-prefix.raw-token\">lex.token.reserved-prefix.raw-token</a>",
        // Booleans, numbers, enums.
        "password: true",
        "secret: false",
        "password: 123456",
        "password_min_length: 8",
        "password: 0x1F2E3D4C",
        "password: 1.2.3-rc1",
        "PASSWORD = 2",
        "PASSWORD = auto()",
        "Password = 'PASSWORD'",
        // Prose.
        "The password is required.",
        "The password is incorrect.",
        "Your password was changed.",
        "password: Enter your password",
        "Password: Forgotten?",
        "Passwords must be at least 8 characters.",
        "the secret is that tokens expire",
        "Bearer token authentication",
        "bypass: 1234abcd!",
        "passwd=\"anonymous@domain.org\"",
        "password: admin@example.com",
        "--password PASSWORD   Password to use when connecting",
        "--password string   The password",
        "docker login -u ci --password-stdin",
        "password: -",
        "password=",
        "password: null",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // A flood line of the same key with an empty value.
    lines.push(format!("{}password=", "x".repeat(40)));
    lines
}

#[test]
fn human_passwords_are_found() {
    let mut failures = Vec::new();
    for (index, line) in password_lines().iter().enumerate() {
        let report = scan_text(line);
        // A specific rule (a connection string, a CLI flag) may claim the
        // line instead; the password must be found either way.
        if !report.findings.iter().any(|f| {
            PASSWORD_RULES.contains(&f.rule.as_str()) || f.rule.starts_with("connection_string.")
        }) {
            let found: Vec<_> = report.findings.iter().map(|f| f.rule.as_str()).collect();
            failures.push(format!("#{index} {:?}…: found {found:?}", shown(line)));
        }
    }
    assert!(failures.is_empty(), "missed:\n{}", failures.join("\n"));
}

#[test]
fn random_secrets_next_to_credential_words_are_found() {
    let mut failures = Vec::new();
    for (index, line) in secret_lines().iter().enumerate() {
        let report = scan_text(line);
        if !report
            .findings
            .iter()
            .any(|f| f.rule.starts_with("generic.") || f.rule == "http_auth.bearer")
        {
            let found: Vec<_> = report.findings.iter().map(|f| f.rule.as_str()).collect();
            failures.push(format!("#{index} {:?}…: found {found:?}", shown(line)));
        }
    }
    assert!(failures.is_empty(), "missed:\n{}", failures.join("\n"));
}

#[test]
fn long_random_secrets_get_medium_confidence() {
    let long = scan_text(&format!("client_secret: {}", token(40, 40)));
    let short = scan_text(&format!("client_secret: {}", token(41, 22)));
    let hex = scan_text("client_secret: 3c9f1a7e5b2d8046f1e3a9c7b5d2e8f04a6c1b3d");
    let rules = |r: &Report| {
        r.findings
            .iter()
            .map(|f| f.rule.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(rules(&long), ["generic.random_secret_assignment"]);
    assert_eq!(rules(&short), ["generic.secret_assignment"]);
    assert_eq!(
        rules(&hex),
        ["generic.secret_assignment"],
        "hex is not random enough"
    );
}

#[test]
fn hard_negatives_are_quiet() {
    let mut failures = Vec::new();
    for (index, line) in negative_lines().iter().enumerate() {
        let report = scan_text(line);
        for finding in report
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("generic."))
        {
            failures.push(format!(
                "#{index} {:?}…: {} (preview {})",
                shown(line),
                finding.rule,
                finding.preview
            ));
        }
    }
    assert!(failures.is_empty(), "flagged:\n{}", failures.join("\n"));
}

#[test]
fn tables_are_large_enough() {
    assert!(password_lines().len() + secret_lines().len() >= 60);
    assert!(negative_lines().len() >= 120);
}

/// A flood of `unit` up to `size` bytes scans whole, with no limit or time
/// warning under the default limits.
fn assert_flood_completes(unit: &str, size: usize) {
    let text = unit.repeat(size / unit.len());
    let report = scan_text(&text);
    let incomplete: Vec<_> = report
        .warnings
        .iter()
        .filter(|w| w.code == WarningCode::Limit || w.message.contains("time"))
        .map(|w| w.message.clone())
        .collect();
    assert!(incomplete.is_empty(), "{unit:?} flood: {incomplete:?}");
    assert_eq!(
        report.stats.bytes_scanned,
        text.len() as u64,
        "{unit:?} flood"
    );
    assert!(report.findings.is_empty(), "{unit:?} flood found something");
}

/// Keywords without a separator never reach a pattern: 2 MB of them cost
/// one prefilter pass.
#[test]
fn bare_keyword_floods_finish() {
    for unit in [
        "password ",
        "token secret api_key credentials ",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxpassword",
        "Passwort Kennwort contraseña ",
    ] {
        assert_flood_completes(unit, 2 << 20);
    }
}

/// Every `password=` is a candidate the pattern must look at; regex-lite
/// spends microseconds on each (tens in a debug build), so these floods are
/// smaller.
#[test]
fn candidate_floods_finish() {
    for unit in [
        "password=\n",
        "DB_PASSWORD=${DB_PASSWORD}\n",
        "my password is password ",
        "--password --token ",
        "api_key: TokenType.IDENTIFIER\n",
    ] {
        assert_flood_completes(unit, 256 << 10);
    }
}
