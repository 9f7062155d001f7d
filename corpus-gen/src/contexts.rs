//! The surroundings a value is planted in: the file types and prose in
//! which secrets leak. Each renderer marks the planted value with
//! [`MARK_START`]/[`MARK_END`] so its lines can be measured after escaping.

use crate::families::{MARK_END as E, MARK_START as S, Shape};
use crate::rng::Rng;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ctx {
    Env,
    Json,
    JsonEscaped,
    Yaml,
    Toml,
    Ini,
    Python,
    Js,
    Go,
    Java,
    CSharp,
    Shell,
    Log,
    ChatEn,
    ChatDe,
    ChatFr,
    Markdown,
    Csv,
    Html,
    Xml,
    Sql,
    PemFile,
    Base64K8s,
    Base64Shell,
    Base64Wrapped,
    PercentUrl,
}

use Ctx::*;

impl Ctx {
    pub fn name(self) -> &'static str {
        match self {
            Env => "env",
            Json => "json",
            JsonEscaped => "json-escaped",
            Yaml => "yaml",
            Toml => "toml",
            Ini => "ini",
            Python => "python",
            Js => "javascript",
            Go => "go",
            Java => "java",
            CSharp => "csharp",
            Shell => "shell",
            Log => "log",
            ChatEn => "chat-en",
            ChatDe => "chat-de",
            ChatFr => "chat-fr",
            Markdown => "markdown",
            Csv => "csv",
            Html => "html",
            Xml => "xml",
            Sql => "sql",
            PemFile => "pem",
            Base64K8s => "base64-k8s-secret",
            Base64Shell => "base64-shell",
            Base64Wrapped => "base64-wrapped",
            PercentUrl => "percent-encoded",
        }
    }

    pub fn ext(self) -> &'static str {
        match self {
            Env => "env",
            Json | JsonEscaped => "json",
            Yaml | Base64K8s => "yaml",
            Toml => "toml",
            Ini => "ini",
            Python => "py",
            Js => "js",
            Go => "go",
            Java => "java",
            CSharp => "cs",
            Shell | Base64Shell => "sh",
            Log | PercentUrl => "log",
            ChatEn | ChatDe | ChatFr | Base64Wrapped => "txt",
            Markdown => "md",
            Csv => "csv",
            Html => "html",
            Xml => "xml",
            Sql => "sql",
            PemFile => "pem",
        }
    }
}

/// The contexts a shape rotates through.
pub fn contexts_for(shape: Shape) -> &'static [Ctx] {
    match shape {
        Shape::Token => &[
            Env,
            Json,
            Yaml,
            Python,
            Js,
            Shell,
            Log,
            ChatEn,
            Markdown,
            Toml,
            Go,
            Java,
            CSharp,
            JsonEscaped,
            Ini,
            Csv,
            Html,
            Xml,
            ChatDe,
            ChatFr,
        ],
        Shape::Multiline => &[
            PemFile, Env, Json, Yaml, Python, Js, Go, Java, Shell, ChatEn, Markdown, Toml, Xml,
            ChatDe,
        ],
        Shape::Header => &[
            Shell, Log, Python, Js, Go, Json, Yaml, Markdown, ChatEn, Java, CSharp,
        ],
        Shape::Pii => &[
            Csv, Json, Yaml, Log, ChatEn, Html, Sql, Xml, Markdown, Python, ChatDe, ChatFr,
        ],
        Shape::Prose => &[ChatEn, Markdown, ChatDe, Log, ChatFr, Shell],
        Shape::Document(_) => &[],
    }
}

pub struct Parts<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub value: &'a str,
    pub shape: Shape,
}

fn upper(key: &str) -> String {
    key.trim_start_matches('-')
        .replace(['-', '.'], "_")
        .to_ascii_uppercase()
}

fn snake(key: &str) -> String {
    key.trim_start_matches('-')
        .replace(['-', '.'], "_")
        .to_ascii_lowercase()
}

fn camel(key: &str) -> String {
    let mut out = String::new();
    for (i, part) in snake(key).split('_').filter(|s| !s.is_empty()).enumerate() {
        if i == 0 {
            out.push_str(part);
        } else {
            out.push_str(&crate::pii::capitalize(part));
        }
    }
    out
}

fn m(v: &str) -> String {
    format!("{S}{v}{E}")
}

pub fn json_escape(v: &str, slashes: bool) -> String {
    let mut out = String::new();
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '/' if slashes => out.push_str("\\/"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if slashes && !c.is_ascii() => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn dq(v: &str) -> String {
    v.replace('\\', "\\\\").replace('"', "\\\"")
}

fn xml(v: &str) -> String {
    v.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn csv_field(v: &str) -> String {
    if v.contains([',', '"', '\n']) {
        format!("\"{S}{}{E}\"", v.replace('"', "\"\""))
    } else {
        m(v)
    }
}

pub fn percent(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

const SERVICES: &[&str] = &[
    "billing-api",
    "orders-worker",
    "checkout",
    "notifier",
    "reporting",
    "auth-gateway",
    "search-indexer",
    "media-sync",
];
const NAMES: &[&str] = &[
    "sam", "priya", "jonas", "lea", "marco", "yuki", "olu", "ines",
];

fn ts(r: &mut Rng) -> String {
    format!(
        "2024-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        r.range(1, 12),
        r.range(1, 28),
        r.range(0, 23),
        r.range(0, 59),
        r.range(0, 59),
        r.range(0, 999)
    )
}

fn svc(r: &mut Rng) -> &'static str {
    r.pick(SERVICES)
}

fn translate(label: &str, lang: &str) -> String {
    match (label, lang) {
        ("password", "de") => "Passwort".into(),
        ("password", "fr") => "mot de passe".into(),
        ("passphrase", "de") => "Passphrase".into(),
        ("passphrase", "fr") => "phrase secrète".into(),
        _ => label.into(),
    }
}

/// Renders one planted value in one context; the result carries markers.
pub fn render(ctx: Ctx, p: &Parts, r: &mut Rng) -> String {
    let multi = p.value.contains('\n');
    if p.key.starts_with("--") {
        return cli_password(ctx, p, r);
    }
    if p.shape == Shape::Header {
        return header(ctx, p, r);
    }
    if multi {
        return multiline(ctx, p, r);
    }
    let (k, v) = (p.key, p.value);
    let s = svc(r);
    match ctx {
        Env => {
            let lit = if v.contains([' ', '#', '$', '"', '\'']) {
                format!("'{}'", m(v))
            } else {
                m(v)
            };
            format!(
                "# {s} — production\nNODE_ENV=production\nPORT={}\nLOG_LEVEL=info\n{}={lit}\nFEATURE_FLAGS=checkout_v2,fast_refunds\n",
                r.range(3000, 9000),
                upper(k)
            )
        }
        Json => format!(
            "{{\n  \"service\": \"{s}\",\n  \"region\": \"eu-west-1\",\n  \"timeout_ms\": {},\n  \"{}\": \"{S}{}{E}\",\n  \"retries\": 3\n}}\n",
            r.range(500, 9000),
            snake(k),
            json_escape(v, false)
        ),
        JsonEscaped => {
            // A JSON document embedded as a string in another (escaped quotes),
            // with `\/` for slashes as PHP and some loggers write them.
            format!(
                "{{\"id\":\"evt_{}\",\"type\":\"config.updated\",\"payload\":\"{{\\\"{}\\\":\\\"{S}{}{E}\\\",\\\"service\\\":\\\"{s}\\\"}}\",\"url\":\"https:\\/\\/{s}.internal\\/hooks\"}}\n",
                r.hex(12),
                snake(k),
                json_escape(&json_escape(v, true), false)
            )
        }
        Yaml => {
            let lit = if v.contains([':', '#', '\'', '"', '{', '&', '*', '!', '%', '@', '`'])
                || v.starts_with(['-', '?'])
            {
                format!("\"{S}{}{E}\"", dq(v))
            } else {
                m(v)
            };
            format!(
                "service:\n  name: {s}\n  replicas: {}\n  image: registry.internal/{s}:1.{}.0\nsecrets:\n  {}: {lit}\nresources:\n  limits:\n    memory: 512Mi\n",
                r.range(1, 6),
                r.range(0, 40),
                snake(k)
            )
        }
        Toml => format!(
            "[service]\nname = \"{s}\"\nworkers = {}\n\n[credentials]\n{} = \"{S}{}{E}\"\n\n[http]\nbind = \"0.0.0.0:8080\"\n",
            r.range(2, 16),
            snake(k),
            dq(v)
        ),
        Ini => format!(
            "[main]\nservice = {s}\nendpoint = https://{s}.internal/api\n\n[auth]\n{} = {}\nretries = 3\n",
            snake(k),
            m(v)
        ),
        Python => {
            let body = format!("\"{S}{}{E}\"", dq(v));
            match r.below(2) {
                0 => format!(
                    "import os\nimport requests\n\n{} = {body}\n\n\ndef fetch_report(day):\n    resp = requests.get(\n        \"https://{s}.internal/v1/reports\",\n        params={{\"day\": day}},\n        timeout=10,\n    )\n    resp.raise_for_status()\n    return resp.json()\n",
                    upper(k)
                ),
                _ => format!(
                    "from dataclasses import dataclass\n\n\n@dataclass\nclass Settings:\n    service: str = \"{s}\"\n    {}: str = {body}\n    retries: int = 3\n",
                    snake(k)
                ),
            }
        }
        Js => format!(
            "const express = require('express');\n\nconst config = {{\n  service: '{s}',\n  {}: '{S}{}{E}',\n  port: {},\n}};\n\nmodule.exports = config;\n",
            camel(k),
            v.replace('\\', "\\\\").replace('\'', "\\'"),
            r.range(3000, 9000)
        ),
        Go => format!(
            "package config\n\nimport \"os\"\n\nconst (\n\tserviceName = \"{s}\"\n\t{} = \"{S}{}{E}\"\n)\n\nfunc Port() string {{ return os.Getenv(\"PORT\") }}\n",
            camel(k),
            dq(v)
        ),
        Java => format!(
            "package com.northwind.{};\n\npublic final class Credentials {{\n    private static final String SERVICE = \"{s}\";\n    static final String {} = \"{S}{}{E}\";\n\n    private Credentials() {{}}\n}}\n",
            s.replace('-', ""),
            upper(k),
            dq(v)
        ),
        CSharp => format!(
            "namespace Northwind.Config\n{{\n    public static class Secrets\n    {{\n        public const string Service = \"{s}\";\n        public const string {} = \"{S}{}{E}\";\n    }}\n}}\n",
            crate::pii::capitalize(&camel(k)),
            dq(v)
        ),
        Shell => format!(
            "#!/usr/bin/env bash\nset -euo pipefail\n\nexport {}='{S}{}{E}'\nexport SERVICE={s}\n\n./scripts/deploy.sh --env production --service \"$SERVICE\"\n",
            upper(k),
            v.replace('\'', "'\\''")
        ),
        Log => {
            let t1 = ts(r);
            let t2 = ts(r);
            format!(
                "{t1} INFO  [{s}] starting worker pid={}\n{t2} DEBUG [{s}] loaded settings {}={} source=env\n{t2} INFO  [{s}] listening on :8080\n",
                r.range(100, 60000),
                snake(k),
                m(v)
            )
        }
        ChatEn => {
            let who = r.pick(NAMES);
            match r.below(3) {
                0 => format!(
                    "[10:{:02}] {who}: hey, here's the {} for staging: {}\n[10:{:02}] {who}: please don't paste it anywhere else\n",
                    r.range(0, 59),
                    p.label,
                    m(v),
                    r.range(0, 59)
                ),
                1 => format!(
                    "{who} wrote:\n> can you try again with the new one?\n\nsure — my {} is {}\nlet me know if it still fails\n",
                    p.label,
                    m(v)
                ),
                _ => format!(
                    "Hi team,\n\nthe {} for {s} changed. New value:\n{}\n\nThanks,\n{who}\n",
                    p.label,
                    m(v)
                ),
            }
        }
        ChatDe => {
            let who = r.pick(NAMES);
            let l = translate(p.label, "de");
            match r.below(2) {
                0 => format!(
                    "{who}: Hier ist der {l} für die Staging-Umgebung: {}\n{who}: bitte nicht weitergeben\n",
                    m(v)
                ),
                _ => format!(
                    "Hallo zusammen,\n\nmein {l} ist {} – bitte nach dem Test ändern.\n\nGrüße\n{who}\n",
                    m(v)
                ),
            }
        }
        ChatFr => {
            let who = r.pick(NAMES);
            let l = translate(p.label, "fr");
            match r.below(2) {
                0 => format!(
                    "{who} : voici le {l} pour la préprod : {}\n{who} : ne le partage pas stp\n",
                    m(v)
                ),
                _ => format!(
                    "Bonjour,\n\nmon {l} est {} (à changer après la démo).\n\nMerci,\n{who}\n",
                    m(v)
                ),
            }
        }
        Markdown => format!(
            "# {s}\n\n## Local setup\n\nCopy the settings below into your shell before running `make dev`:\n\n```bash\nexport {}=\"{S}{}{E}\"\n```\n\nThen start the stack with `docker compose up`.\n",
            upper(k),
            dq(v)
        ),
        Csv => format!(
            "service,environment,{},owner,rotated_at\n{},staging,{},platform,2024-0{}-1{}\n{s},production,{},platform,2024-0{}-0{}\n",
            snake(k),
            svc(r),
            "n/a",
            r.range(1, 9),
            r.range(0, 9),
            csv_field(v),
            r.range(1, 9),
            r.range(1, 9)
        ),
        Html => format!(
            "<!doctype html>\n<html>\n<head><title>{s}</title></head>\n<body>\n<form method=\"post\" action=\"/settings\">\n  <input type=\"hidden\" name=\"{}\" value=\"{S}{}{E}\">\n  <button type=\"submit\">Save</button>\n</form>\n</body>\n</html>\n",
            snake(k),
            xml(v)
        ),
        Xml => format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <appSettings>\n    <add key=\"Service\" value=\"{s}\" />\n    <add key=\"{}\" value=\"{S}{}{E}\" />\n  </appSettings>\n</configuration>\n",
            crate::pii::capitalize(&camel(k)),
            xml(v)
        ),
        Sql => format!(
            "-- seed data for {s}\nINSERT INTO settings (name, value) VALUES ('{}', '{S}{}{E}');\n",
            snake(k),
            v.replace('\'', "''")
        ),
        PemFile => format!("{}\n", m(v)),
        Base64K8s => format!(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {s}-credentials\n  namespace: production\ntype: Opaque\ndata:\n  {}: {}\n",
            snake(k).replace('_', "-"),
            m(&STANDARD.encode(v))
        ),
        Base64Shell => format!(
            "#!/bin/sh\n# restore the runtime env\necho '{}' | base64 -d > /run/{s}.env\nexec /usr/local/bin/{s}\n",
            m(&STANDARD.encode(format!("{}={v}\n", upper(k))))
        ),
        // `base64` wraps its output at 76 characters.
        Base64Wrapped => {
            let env = format!(
                "SERVICE={s}\nREGION=eu-west-{}\n{}={v}\nLOG_LEVEL=info\n",
                r.range(1, 4),
                upper(k)
            );
            let encoded = STANDARD.encode(env);
            let lines: Vec<&str> = encoded
                .as_bytes()
                .chunks(76)
                .map(|line| std::str::from_utf8(line).expect("base64 is ASCII"))
                .collect();
            format!(
                "can you check why {s} won't start? here's its env:\n\n$ base64 {s}.env\n{}\n",
                m(&lines.join("\n"))
            )
        }
        PercentUrl => {
            let t = ts(r);
            let inner = format!("https://{s}.internal/callback?{}={v}", snake(k));
            format!(
                "{t} INFO  [edge] GET /oauth/return?next={} 302\n{t} INFO  [edge] done in {}ms\n",
                m(&percent(&inner)),
                r.range(2, 90)
            )
        }
    }
}

/// PII rows read more naturally next to a person.
pub fn render_pii(ctx: Ctx, p: &Parts, r: &mut Rng) -> String {
    let (f, l) = crate::pii::person(r);
    let name = format!(
        "{} {}",
        crate::pii::capitalize(&f),
        crate::pii::capitalize(&l)
    );
    let (k, v) = (p.key, p.value);
    let id = r.range(1000, 99999);
    match ctx {
        Csv => format!(
            "customer_id,name,{k},city,signup_date\n{},{},{},Leeds,2023-11-0{}\n{id},{name},{},Lyon,2024-02-1{}\n",
            id - 1,
            "Alex Morgan",
            "",
            r.range(1, 9),
            csv_field(v),
            r.range(0, 9)
        ),
        Json => format!(
            "{{\n  \"customer_id\": {id},\n  \"name\": \"{name}\",\n  \"{k}\": \"{S}{}{E}\",\n  \"marketing_opt_in\": false\n}}\n",
            json_escape(v, false)
        ),
        Yaml => format!(
            "customer:\n  id: {id}\n  name: {name}\n  {k}: \"{S}{}{E}\"\n  tier: gold\n",
            dq(v)
        ),
        Log => format!(
            "{} INFO  [signup] created customer id={id} name=\"{name}\" {k}={}\n{} INFO  [mailer] queued welcome mail id={id}\n",
            ts(r),
            m(v),
            ts(r)
        ),
        ChatEn => format!(
            "Hi, I'm {name}. I need to update my account — my {} is {} if you need to verify.\nThanks!\n",
            p.label,
            m(v)
        ),
        ChatDe => format!(
            "Hallo, hier {name}. Für die Rückerstattung: meine {} lautet {}.\nViele Grüße\n",
            p.label,
            m(v)
        ),
        ChatFr => format!(
            "Bonjour, c'est {name}. Pour le dossier, mon {} est {}.\nCordialement\n",
            p.label,
            m(v)
        ),
        Html => format!(
            "<table class=\"customers\">\n  <tr><th>Name</th><th>{}</th></tr>\n  <tr><td>{name}</td><td>{S}{}{E}</td></tr>\n</table>\n",
            p.label,
            xml(v)
        ),
        Sql => format!(
            "INSERT INTO customers (id, name, {k}, created_at)\nVALUES ({id}, '{name}', '{S}{}{E}', '2024-03-0{}');\n",
            v.replace('\'', "''"),
            r.range(1, 9)
        ),
        Xml => format!(
            "<customer id=\"{id}\">\n  <name>{name}</name>\n  <{k}>{S}{}{E}</{k}>\n</customer>\n",
            xml(v)
        ),
        Markdown => format!(
            "## Ticket #{id}\n\n| Field | Value |\n|---|---|\n| Name | {name} |\n| {} | {} |\n",
            p.label,
            m(v)
        ),
        _ => format!(
            "customers = [\n    {{\"id\": {id}, \"name\": \"{name}\", \"{k}\": \"{S}{}{E}\"}},\n]\n",
            dq(v)
        ),
    }
}

fn header(ctx: Ctx, p: &Parts, r: &mut Rng) -> String {
    let v = p.value;
    let s = svc(r);
    let url = format!("https://{s}.northwind-api.com/v2/orders");
    match ctx {
        Shell => format!(
            "curl -sS -X POST {url} \\\n  -H \"Content-Type: application/json\" \\\n  -H \"Authorization: {}\" \\\n  -d '{{\"limit\": 50}}'\n",
            m(v)
        ),
        Log => format!(
            "{} DEBUG [http-client] POST {url} headers={{Accept: application/json, Authorization: {}}}\n{} DEBUG [http-client] 200 OK in {}ms\n",
            ts(r),
            m(v),
            ts(r),
            r.range(5, 900)
        ),
        Python => format!(
            "import requests\n\nheaders = {{\n    \"Accept\": \"application/json\",\n    \"Authorization\": \"{S}{}{E}\",\n}}\nresp = requests.get(\"{url}\", headers=headers, timeout=5)\n",
            dq(v)
        ),
        Js => format!(
            "const res = await fetch('{url}', {{\n  headers: {{\n    Authorization: '{}',\n  }},\n}});\n",
            m(v)
        ),
        Go => format!(
            "req, _ := http.NewRequest(\"GET\", \"{url}\", nil)\nreq.Header.Set(\"Authorization\", \"{S}{}{E}\")\nresp, err := client.Do(req)\n",
            dq(v)
        ),
        Json => format!(
            "{{\n  \"request\": {{\n    \"method\": \"GET\",\n    \"url\": \"{url}\",\n    \"headers\": {{\n      \"Authorization\": \"{S}{}{E}\"\n    }}\n  }}\n}}\n",
            json_escape(v, false)
        ),
        Yaml => format!(
            "http:\n  url: {url}\n  headers:\n    Authorization: \"{S}{}{E}\"\n",
            dq(v)
        ),
        Markdown => format!(
            "Reproduce with:\n\n```http\nGET /v2/orders HTTP/1.1\nHost: {s}.northwind-api.com\nAuthorization: {}\n```\n",
            m(v)
        ),
        Java => format!(
            "HttpRequest request = HttpRequest.newBuilder()\n    .uri(URI.create(\"{url}\"))\n    .header(\"Authorization\", \"{S}{}{E}\")\n    .build();\n",
            dq(v)
        ),
        CSharp => format!(
            "client.DefaultRequestHeaders.Add(\"Authorization\", \"{S}{}{E}\");\nvar resp = await client.GetAsync(\"{url}\");\n",
            dq(v)
        ),
        _ => format!(
            "{}: the call fails with 403, I'm sending\nAuthorization: {}\nany idea?\n",
            r.pick(NAMES),
            m(v)
        ),
    }
}

fn cli_password(ctx: Ctx, p: &Parts, r: &mut Rng) -> String {
    let v = p.value.replace('\'', "");
    let cmd = match r.below(3) {
        0 => format!("mysql -h {}.internal -u admin -p'{}' orders", svc(r), m(&v)),
        1 => format!(
            "psql \"host=db.internal user=app password={} dbname=orders\"",
            m(&v)
        ),
        _ => format!(
            "docker login registry.internal -u ci --password '{}'",
            m(&v)
        ),
    };
    match ctx {
        Markdown => format!("To connect from the jump host:\n\n```sh\n{cmd}\n```\n"),
        ChatEn | ChatDe | ChatFr => {
            format!("{}: try this, it worked for me:\n{cmd}\n", r.pick(NAMES))
        }
        Log => format!("{} INFO  [audit] user ran: {cmd}\n", ts(r)),
        _ => format!("#!/bin/sh\nset -e\n{cmd}\n"),
    }
}

fn multiline(ctx: Ctx, p: &Parts, r: &mut Rng) -> String {
    let (k, v) = (p.key, p.value);
    let s = svc(r);
    match ctx {
        Env => format!(
            "APP_NAME={s}\n{}=\"{}\"\nTLS_ENABLED=true\n",
            upper(k),
            m(v)
        ),
        Json => format!(
            "{{\n  \"service\": \"{s}\",\n  \"{}\": \"{S}{}{E}\",\n  \"algorithm\": \"RS256\"\n}}\n",
            snake(k),
            json_escape(v, false)
        ),
        Yaml => {
            let ind: Vec<String> = v.lines().map(|l| format!("    {l}")).collect();
            let joined = ind.join("\n");
            let body = format!("    {S}{}{E}", joined.trim_start());
            format!(
                "service: {s}\ntls:\n  {}: |\n{body}\n  enabled: true\n",
                snake(k)
            )
        }
        Toml => format!(
            "[tls]\nenabled = true\n{} = \"\"\"\n{}\n\"\"\"\n",
            snake(k),
            m(v)
        ),
        Python => format!(
            "{} = \"\"\"{}\n\"\"\"\n\n\ndef load_key():\n    return serialization.load_pem_private_key({}.encode(), password=None)\n",
            upper(k),
            m(v),
            upper(k)
        ),
        Js => format!(
            "const {} = `{}`;\n\nmodule.exports = {{ {} }};\n",
            camel(k),
            m(v),
            camel(k)
        ),
        Go => format!(
            "package keys\n\n// {} is used by the signer in tests.\nconst {} = `{}`\n",
            camel(k),
            camel(k),
            m(v)
        ),
        Java => format!(
            "class Keys {{\n    static final String {} = \"\"\"\n{}\n\"\"\";\n}}\n",
            upper(k),
            m(v)
        ),
        Shell => format!(
            "#!/bin/sh\nmkdir -p ~/.ssh\ncat > ~/.ssh/deploy_key <<'EOF'\n{}\nEOF\nchmod 600 ~/.ssh/deploy_key\n",
            m(v)
        ),
        ChatEn => format!(
            "{}: here is the {} you asked for, delete it after use:\n{}\n",
            r.pick(NAMES),
            p.label,
            m(v)
        ),
        ChatDe => format!(
            "{}: hier der {}, bitte danach löschen:\n{}\n",
            r.pick(NAMES),
            p.label,
            m(v)
        ),
        Markdown => format!(
            "## Deploy key\n\nSave this as `deploy.pem`:\n\n```\n{}\n```\n",
            m(v)
        ),
        Xml => format!(
            "<config>\n  <service>{s}</service>\n  <{}>\n{}\n  </{}>\n</config>\n",
            camel(k),
            m(v),
            camel(k)
        ),
        _ => format!("{}\n", m(v)),
    }
}
