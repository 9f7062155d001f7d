// "Redact and continue": a copy of a text file or pasted text with each
// finding's secret replaced. The report never carries a secret, so the copy
// is built from positions: the finding's line and column (1-based, in
// Unicode characters, lines split at \n) and its length in characters, all
// relative to the text the engine decoded. This module decodes the bytes the
// same way scanner-core's extract/text.rs does, so the positions land on the
// same characters, and checks each located token against the finding's
// preview before replacing it. Pure functions, no DOM: Node tests run them.

/** @typedef {import('../shared/protocol.js').Report} Report */
/** @typedef {import('../shared/protocol.js').Finding} Finding */

/** @typedef {'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16le-bom' | 'utf-16be' | 'utf-16be-bom' | 'latin-1'} TextEncoding */

/**
 * @typedef {object} DecodedText
 * @property {string} text
 * @property {TextEncoding} encoding  how to write the copy back
 */

/**
 * @typedef {object} Redaction
 * @property {string} text        the redacted text
 * @property {number} replaced    how many findings were replaced
 */

/** The part name scanner-core gives the whole text of a text file. */
export const TEXT_PART = 'text';

/**
 * What a redacted secret becomes. Names the rule so the reader of the
 * upload still knows what kind of value was there.
 * @param {Finding} finding
 */
export function placeholderFor(finding) {
  return `[REDACTED:${finding.rule}]`;
}

/**
 * Whether a report's findings can all be redacted from a copy: a text
 * file (or text) and every finding located by line, column and length in
 * its text. Findings in names (file name) or without positions cannot.
 * @param {Report} report
 * @returns {{ok: true} | {ok: false, why: string}}
 */
export function canRedact(report) {
  if (report.file.kind !== 'text') return { ok: false, why: 'only text files can be redacted' };
  if (report.findings.length === 0) return { ok: false, why: 'nothing to redact' };
  for (const finding of report.findings) {
    for (const at of locationsOf(finding)) {
      if (at.part !== TEXT_PART) return { ok: false, why: `a finding sits in the ${at.part}, not in the text` };
      if (!isPositive(at.line) || !isPositive(at.column) || !isPositive(at.length)) {
        return { ok: false, why: 'the report gives no position for a finding' };
      }
    }
  }
  const incomplete = report.warnings.find((w) => w.code !== 'note');
  if (incomplete) return { ok: false, why: `part of the text was not scanned (${incomplete.code})` };
  return { ok: true };
}

/**
 * Every span a finding covers: the secret itself and, for a pair (an AWS
 * key id merged into its secret key), the other half, which must go too.
 * @param {Finding} finding
 * @returns {Finding['location'][]}
 */
function locationsOf(finding) {
  return finding.paired_location ? [finding.location, finding.paired_location] : [finding.location];
}

/** @param {unknown} value */
function isPositive(value) {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/**
 * Decodes bytes like scanner-core's text::decode: UTF-8 (BOM stripped),
 * UTF-16 with a BOM or recognisable by its NUL bytes, else UTF-8 when
 * valid, else Latin-1.
 * @param {Uint8Array} bytes
 * @returns {DecodedText | null}  null when the bytes look binary
 */
export function decodeText(bytes) {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: decodeUtf16(bytes.subarray(2), true), encoding: 'utf-16le-bom' };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: decodeUtf16(bytes.subarray(2), false), encoding: 'utf-16be-bom' };
  }
  const order = utf16WithoutBom(bytes);
  if (order !== null) {
    return { text: decodeUtf16(bytes, order === 'le'), encoding: order === 'le' ? 'utf-16le' : 'utf-16be' };
  }
  if (looksBinary(bytes)) return null;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Valid UTF-8 cut off mid-character at the end (a truncated file) is
    // still UTF-8, as long as something before the cut is not ASCII.
    const validUpTo = utf8ValidPrefix(bytes);
    if (validUpTo !== null && !isAscii(bytes.subarray(0, validUpTo))) {
      return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
    }
    return { text: latin1(bytes), encoding: 'latin-1' };
  }
}

/**
 * Length of the valid UTF-8 prefix when the only error is an incomplete
 * sequence at the very end, else null (Rust's error_len() == None case).
 * @param {Uint8Array} bytes
 * @returns {number | null}
 */
function utf8ValidPrefix(bytes) {
  // An incomplete sequence is at most 3 bytes: find where the last one starts.
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const at = bytes.length - back;
    const lead = bytes[at];
    if ((lead & 0xc0) === 0x80) continue;
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (need <= back) return null;
    try {
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, at));
      return at;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * @param {Uint8Array} bytes
 * @param {number[]} prefix
 */
function startsWith(bytes, prefix) {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * @param {Uint8Array} bytes
 * @param {boolean} littleEndian
 */
function decodeUtf16(bytes, littleEndian) {
  // Like Rust's chunks_exact(2): a trailing odd byte is dropped.
  const even = bytes.subarray(0, bytes.length & ~1);
  return new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { ignoreBOM: true }).decode(even);
}

/**
 * UTF-16 text without a BOM shows NUL in every other byte.
 * @param {Uint8Array} bytes
 * @returns {'le' | 'be' | null}
 */
function utf16WithoutBom(bytes) {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length < 8) return null;
  const pairs = sample.length / 2;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  if (oddNul * 10 >= pairs * 9 && evenNul * 10 < pairs) return 'le';
  if (evenNul * 10 >= pairs * 9 && oddNul * 10 < pairs) return 'be';
  return null;
}

/**
 * Binary when the start holds NUL bytes or many control characters.
 * @param {Uint8Array} bytes
 */
function looksBinary(bytes) {
  const sample = bytes.subarray(0, Math.min(bytes.length, 8192));
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0x0c) control++;
  }
  return control * 20 > Math.max(sample.length, 1);
}

/** @param {Uint8Array} bytes */
function isAscii(bytes) {
  for (const b of bytes) if (b >= 0x80) return false;
  return true;
}

/**
 * Latin-1 proper (every byte is the code point of the same number), not
 * windows-1252 as TextDecoder('latin1') would give.
 * @param {Uint8Array} bytes
 */
function latin1(bytes) {
  let out = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    out += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return out;
}

/**
 * Writes text back in the encoding it was read in.
 * @param {string} text
 * @param {TextEncoding} encoding
 * @returns {Uint8Array<ArrayBuffer>}
 */
export function encodeText(text, encoding) {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-8-bom':
      return concat(new Uint8Array([0xef, 0xbb, 0xbf]), new TextEncoder().encode(text));
    case 'utf-16le':
    case 'utf-16be':
    case 'utf-16le-bom':
    case 'utf-16be-bom': {
      const little = encoding.startsWith('utf-16le');
      const bom = encoding.endsWith('-bom');
      const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
      const view = new DataView(out.buffer);
      let at = 0;
      if (bom) {
        view.setUint16(0, 0xfeff, little);
        at = 2;
      }
      for (let i = 0; i < text.length; i++, at += 2) view.setUint16(at, text.charCodeAt(i), little);
      return out;
    }
    case 'latin-1': {
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        // The text came from Latin-1 and placeholders are ASCII.
        out[i] = code <= 0xff ? code : 0x3f;
      }
      return out;
    }
  }
  throw new Error(`unknown text encoding ${String(encoding)}`);
}

/**
 * @param {Uint8Array} a
 * @param {Uint8Array} b
 * @returns {Uint8Array<ArrayBuffer>}
 */
function concat(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Start offsets (UTF-16 indices) of every line of `text`.
 * @param {string} text
 * @returns {number[]}
 */
function lineStarts(text) {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/**
 * UTF-16 index reached by moving `chars` Unicode characters from `from`,
 * or -1 when the text ends first.
 * @param {string} text
 * @param {number} from
 * @param {number} chars
 */
function advanceChars(text, from, chars) {
  let at = from;
  for (let n = 0; n < chars; n++) {
    if (at >= text.length) return -1;
    const code = text.charCodeAt(at);
    const pair = code >= 0xd800 && code <= 0xdbff && at + 1 < text.length;
    const next = pair ? text.charCodeAt(at + 1) : 0;
    at += pair && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  return at;
}

/**
 * Where each finding's secret sits in `text`, as UTF-16 [start, end)
 * spans, sorted and without overlaps. Throws when a position does not
 * fit the text or the token there does not start like the preview: the
 * copy would then be wrong, and an upload must never rest on a guess.
 * @param {string} text
 * @param {Finding[]} findings
 * @returns {{start: number, end: number, finding: Finding}[]}
 */
export function locateFindings(text, findings) {
  const starts = lineStarts(text);
  /** @type {{start: number, end: number, finding: Finding}[]} */
  const spans = [];
  for (const finding of findings) {
    locationsOf(finding).forEach((location, index) => {
      const { line, column, length } = location;
      if (!isPositive(line) || !isPositive(column) || !isPositive(length)) {
        throw new Error(`finding ${finding.rule} has no position in the text`);
      }
      const lineStart = starts[/** @type {number} */ (line) - 1];
      if (lineStart === undefined) throw new Error(`finding ${finding.rule}: line ${line} is past the end of the text`);
      const start = advanceChars(text, lineStart, /** @type {number} */ (column) - 1);
      const end = start < 0 ? -1 : advanceChars(text, start, /** @type {number} */ (length));
      if (start < 0 || end < 0)
        throw new Error(`finding ${finding.rule}: column ${column} is past the end of its line`);
      const lineEnd = starts[/** @type {number} */ (line)] ?? text.length + 1;
      if (start >= lineEnd) throw new Error(`finding ${finding.rule}: column ${column} is past the end of its line`);
      // The preview is of the secret as found: it can be checked against the
      // text only where the secret is there verbatim (not for its encoded
      // form, nor for the paired half, which has no preview of its own).
      if (index === 0 && !finding.decoded) {
        const shown = finding.preview.endsWith('…') ? finding.preview.slice(0, -1) : finding.preview;
        if (!text.startsWith(shown, start)) {
          throw new Error(`finding ${finding.rule} at line ${line}, column ${column} does not match its preview`);
        }
      }
      spans.push({ start, end, finding });
    });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  /** @type {typeof spans} */
  const merged = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      // Overlapping findings: one placeholder covers both.
      last.end = Math.max(last.end, span.end);
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

/**
 * Replaces every finding's secret in `text`.
 * @param {string} text
 * @param {Finding[]} findings
 * @returns {Redaction}
 */
export function redactText(text, findings) {
  const spans = locateFindings(text, findings);
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + placeholderFor(span.finding);
    at = span.end;
  }
  out += text.slice(at);
  return { text: out, replaced: findings.length };
}

/**
 * Redacts a text file's bytes, keeping its encoding (and BOM).
 * @param {Uint8Array} bytes
 * @param {Report} report  the report for exactly these bytes
 * @returns {{bytes: Uint8Array<ArrayBuffer>, replaced: number}}
 */
export function redactBytes(bytes, report) {
  const allowed = canRedact(report);
  if (!allowed.ok) throw new Error(allowed.why);
  const decoded = decodeText(bytes);
  if (decoded === null) throw new Error('the file does not read as text');
  const redaction = redactText(decoded.text, report.findings);
  return { bytes: encodeText(redaction.text, decoded.encoding), replaced: redaction.replaced };
}
