#!/usr/bin/env python3
"""Checks with independent tools that every fixture hides what MANIFEST.toml says.

Usage: verify_fixtures.py testdata/pdf/MANIFEST.toml testdata/pdf-src/secrets.toml

For every expected finding it looks the secret up where the manifest's `part`
says it is, using poppler (pdftotext, pdfinfo, pdfdetach) and qpdf's JSON,
never nospill itself, so the manifest cannot drift into describing what our
scanner happens to report. Secrets are never printed: failures name the
fixture, the part and the secret's name in secrets.toml.
"""

import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib


def run(*args: str) -> str:
    result = subprocess.run(args, capture_output=True)
    if result.returncode not in (0, 3):  # qpdf exits 3 for warnings
        raise RuntimeError(f"{args[0]} failed on {args[-1]}: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout.decode("utf-8", errors="replace")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def contains(haystack: str, secret: str, wrapped: bool = False) -> bool:
    """Whether `secret` is in `haystack`. A multi-line secret (a PEM key) must
    appear line by line in order; a wrapped one may be broken by whitespace."""
    if wrapped:
        return squash(secret) in squash(haystack)
    lines = [line.strip() for line in secret.strip().splitlines()]
    if len(lines) == 1:
        return lines[0] in haystack
    at = 0
    for line in lines:
        at = haystack.find(line, at)
        if at < 0:
            return False
        at += len(line)
    return True


class Pdf:
    """One PDF as the independent tools see it."""

    def __init__(self, path: str):
        self.path = path
        self._json = None

    def page_text(self, page: int) -> str:
        # -layout: the default mode "dehyphenates", joining a line that ends
        # in "-" (like a PEM header) to the next one.
        return run("pdftotext", "-layout", "-f", str(page), "-l", str(page), self.path, "-")

    def info(self) -> dict:
        fields = {}
        for line in run("pdfinfo", self.path).splitlines():
            key, _, value = line.partition(":")
            fields[key.strip()] = value.strip()
        return fields

    def xmp(self) -> str:
        return run("pdfinfo", "-meta", self.path)

    def qpdf_json(self) -> dict:
        if self._json is None:
            self._json = json.loads(
                run("qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=all", self.path)
            )
        return self._json

    def objects(self) -> dict:
        return self.qpdf_json()["qpdf"][1]

    def resolve(self, value):
        if isinstance(value, str) and re.fullmatch(r"\d+ \d+ R", value):
            entry = self.objects().get(f"obj:{value}", {})
            return entry.get("value", entry.get("stream"))
        return value

    def page_annotations(self, page: int) -> list:
        page_ref = self.qpdf_json()["pages"][page - 1]["object"]
        page_dict = self.resolve(page_ref)
        annots = self.resolve(page_dict.get("/Annots", [])) or []
        return [self.resolve(a) for a in annots]

    def fields(self) -> list:
        return self.qpdf_json()["acroform"]["fields"]

    def outline_titles(self) -> list:
        titles = []

        def walk(items):
            for item in items:
                titles.append(item["title"])
                walk(item.get("kids", []))

        walk(self.qpdf_json()["outlines"])
        return titles

    def javascript(self) -> list:
        """Every /JS of a JavaScript action anywhere in the file, decoded."""
        scripts = []
        for entry in self.objects().values():
            stack = [entry.get("value", entry.get("stream", {}).get("dict"))]
            while stack:
                item = stack.pop()
                if isinstance(item, dict):
                    if item.get("/S") == "/JavaScript" and "/JS" in item:
                        scripts.append(self.text_or_stream(item["/JS"]))
                    stack.extend(item.values())
                elif isinstance(item, list):
                    stack.extend(item)
        return scripts

    def text_or_stream(self, value) -> str:
        resolved = self.resolve(value)
        if isinstance(resolved, dict) and "data" in resolved:
            return base64.b64decode(resolved["data"]).decode("utf-8", errors="replace")
        return decode_string(resolved)

    def attachment(self, name: str, into: str) -> str:
        listing = run("pdfdetach", "-list", self.path).splitlines()[1:]
        names = [line.split(": ", 1)[1] for line in listing if ": " in line]
        if name not in names:
            raise LookupError(f"no attachment named {name} (has {names})")
        out = os.path.join(into, f"{len(os.listdir(into))}-{name}")
        run("pdfdetach", "-save", str(names.index(name) + 1), "-o", out, self.path)
        return out


def decode_string(value) -> str:
    """qpdf JSON v2 strings: `u:` text, `b:` hex bytes."""
    if not isinstance(value, str):
        return ""
    if value.startswith("u:"):
        return value[2:]
    if value.startswith("b:"):
        raw = bytes.fromhex(value[2:])
        if raw.startswith(b"\xfe\xff"):
            return raw[2:].decode("utf-16-be", errors="replace")
        return raw.decode("latin-1")
    return value


def located(pdf: Pdf, part: str, secret: str, wrapped: bool, scratch: str) -> bool:
    """Whether the independent tools find `secret` at `part` of `pdf`."""
    if part == "revision":
        # Only in an earlier revision: on some page there, on no page now.
        with open(pdf.path, "rb") as f:
            revisions = len(re.findall(rb"%%EOF", f.read()))
        earlier = [Pdf(cut_revision(pdf.path, revision, scratch)) for revision in range(1, revisions)]
        return any(on_some_page(old, secret, wrapped) for old in earlier) and not on_some_page(pdf, secret, wrapped)
    if m := re.fullmatch(r"revision (\d+) (.+)", part):
        revision_path = cut_revision(pdf.path, int(m.group(1)), scratch)
        return located(Pdf(revision_path), m.group(2), secret, wrapped, scratch)
    if m := re.fullmatch(r"attachment (.+?) > (.+)", part):
        return located(Pdf(pdf.attachment(m.group(1), scratch)), m.group(2), secret, wrapped, scratch)
    if m := re.fullmatch(r"attachment (.+)", part):
        with open(pdf.attachment(m.group(1), scratch), encoding="utf-8", errors="replace") as f:
            return contains(f.read(), secret, wrapped)
    if m := re.fullmatch(r"page (\d+)", part):
        return contains(pdf.page_text(int(m.group(1))), secret, wrapped)
    if part == "metadata/XMP":
        return contains(pdf.xmp(), secret)
    if m := re.fullmatch(r"metadata/(\w+)", part):
        return contains(pdf.info().get(m.group(1), ""), secret)
    if m := re.fullmatch(r"(annotation|link) p(\d+)", part):
        for annot in pdf.page_annotations(int(m.group(2))):
            is_link = annot.get("/Subtype") == "/Link"
            if m.group(1) == "link" and is_link:
                action = pdf.resolve(annot.get("/A", {})) or {}
                text = decode_string(action.get("/URI"))
            elif m.group(1) == "annotation" and not is_link and annot.get("/Subtype") != "/Widget":
                text = decode_string(annot.get("/Contents"))
            else:
                continue
            if contains(text, secret):
                return True
        return False
    if m := re.fullmatch(r'form field "(.+)"', part):
        return any(f["fullname"] == m.group(1) and contains(decode_string(f["value"]), secret) for f in pdf.fields())
    if part == "outline":
        return any(contains(title, secret) for title in pdf.outline_titles())
    if part == "javascript":
        return any(contains(script, secret) for script in pdf.javascript())
    raise ValueError(f"unknown part {part!r}: teach verify_fixtures.py how to look there")


def on_some_page(pdf: Pdf, secret: str, wrapped: bool) -> bool:
    pages = int(pdf.info().get("Pages", "0"))
    return any(contains(pdf.page_text(page), secret, wrapped) for page in range(1, pages + 1))


def cut_revision(path: str, revision: int, scratch: str) -> str:
    """The file as it was at `revision`: everything up to that %%EOF."""
    with open(path, "rb") as f:
        data = f.read()
    ends = [m.end() for m in re.finditer(rb"%%EOF\r?\n?", data)]
    if len(ends) < revision:
        raise LookupError(f"only {len(ends)} revisions")
    out = os.path.join(scratch, f"revision{revision}-{os.path.basename(path)}")
    with open(out, "wb") as f:
        f.write(data[: ends[revision - 1]])
    return out


def main() -> int:
    manifest_path, secrets_path = sys.argv[1:3]
    with open(manifest_path, "rb") as f:
        manifest = tomllib.load(f)
    with open(secrets_path, "rb") as f:
        secrets = tomllib.load(f)["secrets"]
    folder = os.path.dirname(manifest_path)
    failures, checked = [], 0
    listed = {fixture["file"] for fixture in manifest["fixture"]}
    for unlisted in sorted(set(n for n in os.listdir(folder) if n.endswith(".pdf")) - listed):
        failures.append(f"{unlisted}: not listed in MANIFEST.toml")
    for fixture in manifest["fixture"]:
        path = os.path.join(folder, fixture["file"])
        if not os.path.exists(path):
            failures.append(f"{fixture['file']}: listed but missing")
            continue
        if fixture.get("expect_warning") == "encrypted":
            info = subprocess.run(["pdfinfo", path], capture_output=True, text=True)
            if info.returncode == 0 or "Incorrect password" not in info.stderr:
                failures.append(f"{fixture['file']}: poppler opens it without a password")
            checked += 1
        pdf = Pdf(path)
        with tempfile.TemporaryDirectory() as scratch:
            for expected in fixture.get("expect", []):
                checked += 1
                name = expected["secret"]
                where = f"{fixture['file']}: {expected['rule']} ({name}) at {expected['part']!r}"
                if name not in secrets:
                    failures.append(f"{where}: no such secret in secrets.toml")
                    continue
                try:
                    found = located(pdf, expected["part"], secrets[name], expected.get("wrapped", False), scratch)
                except (LookupError, RuntimeError, ValueError, KeyError, IndexError) as error:
                    failures.append(f"{where}: {error}")
                    continue
                if not found:
                    failures.append(f"{where}: not found there by poppler/qpdf")
    for failure in failures:
        print(f"MISMATCH {failure}")
    print(f"verify_fixtures: {checked - len(failures)} of {checked} checks agree with MANIFEST.toml")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
