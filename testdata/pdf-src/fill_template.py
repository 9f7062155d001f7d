#!/usr/bin/env python3
"""Fills a fixture template with the synthetic secrets from secrets.toml.

Usage: fill_template.py SECRETS.toml TEMPLATE OUT

Every `@@name@@` or `@@name:filter@@` in TEMPLATE becomes the secret `name`,
escaped for the template's language by `filter`:
  xml         XML text/attribute escaping
  ps          a PostScript string body: backslash and parentheses escaped
  fodt_lines  XML-escaped lines joined by <text:line-break/> (multi-line keys)
  html        same as xml
An unknown name or filter is an error, so a typo never ships an empty spot.
Secrets are never printed.
"""

import re
import sys
import tomllib
from xml.sax.saxutils import escape


def xml(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def ps(value: str) -> str:
    return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def fodt_lines(value: str) -> str:
    return "<text:line-break/>".join(xml(line) for line in value.strip().splitlines())


FILTERS = {"xml": xml, "html": xml, "ps": ps, "fodt_lines": fodt_lines}
PLACEHOLDER = re.compile(r"@@([a-z0-9_]+)(?::([a-z_]+))?@@")


def main() -> int:
    secrets_path, template_path, out_path = sys.argv[1:4]
    with open(secrets_path, "rb") as f:
        secrets = tomllib.load(f)["secrets"]
    with open(template_path, encoding="utf-8") as f:
        template = f.read()

    def fill(match: re.Match) -> str:
        name, filter_name = match.group(1), match.group(2) or "xml"
        if name not in secrets:
            raise SystemExit(f"{template_path}: no secret named {name!r} in {secrets_path}")
        if filter_name not in FILTERS:
            raise SystemExit(f"{template_path}: unknown filter {filter_name!r} for {name!r}")
        return FILTERS[filter_name](secrets[name])

    filled = PLACEHOLDER.sub(fill, template)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(filled)
    return 0


if __name__ == "__main__":
    sys.exit(main())
