#!/usr/bin/env bash
# Makes the PDF fixtures in testdata/pdf/ with real producers: LibreOffice,
# Ghostscript, Chromium, qpdf and a Rust (lopdf) writer. Each hides synthetic
# secrets from testdata/pdf-src/secrets.toml in a different place; what is
# where is listed in testdata/pdf/MANIFEST.toml, which this script checks
# against the output with poppler and qpdf at the end.
#
# Rerunnable: every run rebuilds every fixture from the sources in
# testdata/pdf-src/. Reproducible: SOURCE_DATE_EPOCH fixes Ghostscript's dates,
# normalize_pdf.py fixes the dates and /IDs LibreOffice and Chromium stamp, and
# qpdf runs with --deterministic-id or --static-id/--static-aes-iv. Other
# producer versions than the ones named in MANIFEST.toml may lay out text
# differently; the closing check says so if a secret moves.
#
# Usage: testdata/make-pdf-fixtures.sh          (from anywhere in the repo)
#        testdata/make-pdf-fixtures.sh --check  (only re-verify the committed PDFs)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC=$ROOT/testdata/pdf-src
OUT=$ROOT/testdata/pdf
export SOURCE_DATE_EPOCH=1709283600 # 2024-03-01T09:00:00Z
export TZ=UTC LC_ALL=C.UTF-8
CHROMIUM=${CHROMIUM:-chromium}

missing=0
need() { # command, what to install
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "make-pdf-fixtures: '$1' not found; install it with: $2" >&2
        missing=1
    fi
}
need python3 "apt-get install python3 (3.11 or newer)"
need qpdf "apt-get install qpdf"
need pdftotext "apt-get install poppler-utils"
need pdfinfo "apt-get install poppler-utils"
need pdfdetach "apt-get install poppler-utils"
if [[ ${1:-} != --check ]]; then
    need soffice "apt-get install libreoffice-writer-nogui"
    need ps2pdf "apt-get install ghostscript"
    need "$CHROMIUM" "apt-get install chromium (or set CHROMIUM=/path/to/chrome)"
    need openssl "apt-get install openssl"
    need cargo "the Rust toolchain from https://rustup.rs"
fi
if ! python3 -c 'import tomllib' 2>/dev/null; then
    echo "make-pdf-fixtures: python3 is older than 3.11 (no tomllib); install python3 from Debian 12 or newer" >&2
    missing=1
fi
[[ $missing == 0 ]] || exit 1

verify() {
    python3 "$SRC/verify_fixtures.py" "$OUT/MANIFEST.toml" "$SRC/secrets.toml"
}
if [[ ${1:-} == --check ]]; then
    verify
    exit
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

fill() { # template, output: the template with the synthetic secrets filled in
    python3 "$SRC/fill_template.py" "$SRC/secrets.toml" "$1" "$2"
}
normalize() {
    python3 "$SRC/normalize_pdf.py" "$1"
}
check_pdf() { # qpdf's structural check; warnings or errors stop the run
    qpdf --check "$@" >/dev/null || { echo "make-pdf-fixtures: qpdf --check failed for $*" >&2; exit 1; }
}
step() { echo "== $*"; }

step "LibreOffice $(soffice --version 2>/dev/null | awk '{print $2}')"
fill "$SRC/libreoffice-writer.fodt" "$WORK/libreoffice-writer.fodt"
lo_export() { # filter options (JSON), output file
    soffice "-env:UserInstallation=file://$WORK/lo-profile" --headless \
        --convert-to "pdf:writer_pdf_Export:$1" --outdir "$WORK/lo" "$WORK/libreoffice-writer.fodt" >/dev/null 2>"$WORK/lo.log" ||
        { cat "$WORK/lo.log" >&2; exit 1; }
    mv "$WORK/lo/libreoffice-writer.pdf" "$2"
}
# No PDF/A variant: its embedded ICC profile carries the export time inside a
# compressed stream, which normalize_pdf.py cannot fix without moving offsets.
lo_export '{"ExportFormFields":{"type":"boolean","value":"true"}}' "$OUT/libreoffice-writer.pdf"
normalize "$OUT/libreoffice-writer.pdf"

step "Ghostscript $(gs --version)"
fill "$SRC/ghostscript-pdfmark.ps" "$WORK/ghostscript-pdfmark.ps"
ps2pdf "$WORK/ghostscript-pdfmark.ps" "$OUT/ghostscript-pdfmark.pdf"
normalize "$OUT/ghostscript-pdfmark.pdf"

step "Chromium $("$CHROMIUM" --version 2>/dev/null | awk '{print $2}')"
fill "$SRC/chromium-print.html" "$WORK/chromium-print.html"
"$CHROMIUM" --headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    "--user-data-dir=$WORK/chromium-profile" --no-pdf-header-footer \
    "--print-to-pdf=$OUT/chromium-print.pdf" "file://$WORK/chromium-print.html" >"$WORK/chromium.log" 2>&1 ||
    { cat "$WORK/chromium.log" >&2; exit 1; }
normalize "$OUT/chromium-print.pdf"

step "qpdf $(qpdf --version | awk 'NR==1 {print $3}')"
# Everything in object streams: annotations, outline, info and filespecs are
# only reachable by decoding the compressed object streams.
qpdf --object-streams=generate --compress-streams=y --deterministic-id \
    "$OUT/ghostscript-pdfmark.pdf" "$OUT/qpdf-object-streams.pdf"
encrypt() { # user password, source, output, qpdf encryption arguments...
    local user=$1 source=$2 output=$3
    shift 3
    # --static-id and --static-aes-iv are qpdf's switches for reproducible
    # test files (weak; fine for a fixture). AES-256 (R6) still draws random
    # salts and a random file key, so keep the committed file when its
    # decrypted content is unchanged instead of churning it on every run.
    qpdf --static-id --static-aes-iv --allow-weak-crypto --encrypt "$user" nospill-owner "$@" -- \
        "$source" "$WORK/encrypted.pdf"
    if [[ -f $output ]] &&
        qpdf --static-id --decrypt "--password=$user" "$output" "$WORK/old-plain.pdf" 2>/dev/null &&
        qpdf --static-id --decrypt "--password=$user" "$WORK/encrypted.pdf" "$WORK/new-plain.pdf" &&
        cmp -s "$WORK/old-plain.pdf" "$WORK/new-plain.pdf" &&
        qpdf --show-encryption "--password=$user" "$output" >"$WORK/old-enc.txt" &&
        qpdf --show-encryption "--password=$user" "$WORK/encrypted.pdf" >"$WORK/new-enc.txt" &&
        cmp -s "$WORK/old-enc.txt" "$WORK/new-enc.txt"; then
        return
    fi
    mv "$WORK/encrypted.pdf" "$output"
}
# Encrypted with an empty user password: any reader opens it, so it must be
# decrypted and scanned like the original.
encrypt "" "$OUT/libreoffice-writer.pdf" "$OUT/qpdf-encrypted-empty-user-aes256.pdf" 256
encrypt "" "$OUT/chromium-print.pdf" "$OUT/qpdf-encrypted-empty-user-aes128.pdf" 128 --use-aes=y
encrypt "" "$OUT/ghostscript-pdfmark.pdf" "$OUT/qpdf-encrypted-empty-user-rc4.pdf" 128 --use-aes=n
# A real user password: nothing can be read without it, so a scan must say
# "encrypted: not scanned" instead of looking clean.
encrypt nospill-user-password "$OUT/libreoffice-writer.pdf" "$OUT/qpdf-encrypted-user-password.pdf" 256

step "Rust writer (lopdf)"
(cd "$ROOT" && cargo run --quiet -p scanner-core --example write_fixture_pdfs -- "$OUT" 2>"$WORK/cargo.log") ||
    { cat "$WORK/cargo.log" >&2; exit 1; }

step "qpdf --check"
for pdf in "$OUT"/*.pdf; do
    case $pdf in
    *user-password*) check_pdf --password=nospill-user-password "$pdf" ;;
    *) check_pdf "$pdf" ;;
    esac
done

step "sizes"
(cd "$OUT" && du -b -- *.pdf | awk '{ total += $1; printf "%8d  %s\n", $1, $2 } END { printf "%8d  total\n", total }')

step "verify against MANIFEST.toml"
verify
