#!/usr/bin/env python3
"""Makes a producer's PDF reproducible: same input, same bytes.

Usage: normalize_pdf.py FILE.pdf   (rewritten in place; needs SOURCE_DATE_EPOCH)

LibreOffice and Chromium stamp the current time, and LibreOffice and
Ghostscript a random file /ID, so every run of make-pdf-fixtures.sh would
change the committed fixtures. This rewrites only those values, each with a
value of exactly the same length, so every byte offset (and with it the xref
table) stays valid and nothing else the producer wrote changes:

  /CreationDate and /ModDate  (D:YYYYMMDDHHmmSS...)  -> SOURCE_DATE_EPOCH
  XMP xmp:CreateDate, xmp:ModifyDate, xmp:MetadataDate -> SOURCE_DATE_EPOCH
  trailer /ID and LibreOffice's /DocChecksum           -> MD5 of the file with
                                                         those values blanked

Values inside compressed streams are left alone (none of the producers used
here puts dates there); the script fails if the length would change.
"""

import hashlib
import os
import re
import sys
import time


def main() -> int:
    path = sys.argv[1]
    epoch = int(os.environ["SOURCE_DATE_EPOCH"])
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch)).encode()
    iso = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch)).encode()
    with open(path, "rb") as f:
        data = f.read()
    original_length = len(data)

    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}", lambda m: m.group(1) + stamp, data)
    data = re.sub(
        rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d",
        lambda m: m.group(1) + iso,
        data,
    )

    id_pattern = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)")
    checksum_pattern = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]{32})")
    blanked = id_pattern.sub(lambda m: m.group(1) + b"0" * len(m.group(2)) + m.group(3) + b"0" * len(m.group(4)) + m.group(5), data)
    blanked = checksum_pattern.sub(lambda m: m.group(1) + b"0" * 32, blanked)
    digest = hashlib.md5(blanked).hexdigest().upper().encode()

    def fitted(old: bytes) -> bytes:
        return (digest * (len(old) // len(digest) + 1))[: len(old)]

    data = id_pattern.sub(
        lambda m: m.group(1) + fitted(m.group(2)) + m.group(3) + fitted(m.group(4)) + m.group(5), data
    )
    data = checksum_pattern.sub(lambda m: m.group(1) + digest, data)

    if len(data) != original_length:
        raise SystemExit(f"{path}: normalising changed the length; offsets would break")
    with open(path, "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
