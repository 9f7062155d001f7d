// "Redact and continue" builds a copy from the report's positions (line,
// column, length in characters of the decoded text). These tests run the
// extension's redaction code against reports from the real engine, over the
// encodings and line shapes the engine reads, and scan every copy again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canRedact, decodeText, locateFindings, redactBytes } from '../../extension/src/content/redact.js';
import { engine } from '../lib/engine.mjs';
import { awsKeyId, awsSecretKey, preview, privateKeyPem } from '../lib/fixtures.mjs';

const utf8 = (text) => new TextEncoder().encode(text);

/** UTF-16 bytes, with or without a BOM. */
function utf16(text, littleEndian, bom) {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  const view = new DataView(out.buffer);
  let at = 0;
  if (bom) {
    view.setUint16(0, 0xfeff, littleEndian);
    at = 2;
  }
  for (let i = 0; i < text.length; i++, at += 2) view.setUint16(at, text.charCodeAt(i), littleEndian);
  return out;
}

/** Latin-1 bytes (every character below 256). */
function latin1(text) {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/**
 * Scans, redacts, rescans; checks the copy lost every secret and kept the rest.
 * @param {Uint8Array} bytes
 * @param {string[]} secrets
 * @param {string} keep  text that must survive in the decoded copy
 */
async function roundTrip(bytes, secrets, keep) {
  const { scan } = await engine();
  const report = scan(bytes, 'notes.txt');
  assert.equal(report.file.kind, 'text');
  const spans = report.findings.reduce((n, f) => n + (f.paired_location ? 2 : 1), 0);
  assert.ok(spans >= secrets.length, `expected findings for ${secrets.map(preview).join(', ')}`);
  assert.deepEqual(canRedact(report), { ok: true });
  const copy = redactBytes(bytes, report);
  const decoded = decodeText(copy.bytes);
  assert.ok(decoded, 'the copy still reads as text');
  for (const secret of secrets) {
    assert.ok(!decoded.text.includes(secret), `the copy still holds ${preview(secret)}`);
  }
  assert.ok(decoded.text.includes(keep), 'the copy lost text that was not secret');
  assert.match(decoded.text, /\[REDACTED:[a-z0-9_.]+\]/);
  const again = scan(copy.bytes, 'notes.txt');
  assert.equal(again.findings.length, 0, `findings left: ${again.findings.map((f) => f.rule).join(', ')}`);
  assert.equal(again.verdict, 'allow');
  return decoded;
}

test('UTF-8 with multi-byte characters and emoji before the secret on its line', async () => {
  const key = awsKeyId();
  const text = `Überblick — ключи 🔑🔑 für prod\nwert: 🔑 aws_access_key_id = ${key} ✓ ok\nlast line\n`;
  const decoded = await roundTrip(utf8(text), [key], 'last line');
  assert.ok(decoded.text.startsWith('Überblick — ключи 🔑🔑'));
  assert.ok(decoded.text.includes('✓ ok'));
});

test('CRLF line ends and two secrets on one line', async () => {
  const a = awsKeyId();
  const b = awsKeyId();
  const text = `first\r\nAWS_KEYS=${a},${b}\r\nthird\r\n`;
  const decoded = await roundTrip(utf8(text), [a, b], 'third\r\n');
  assert.ok(decoded.text.includes('\r\n'));
});

test('a multi-line private key block', async () => {
  const pem = privateKeyPem();
  const body = pem.split('\n')[3];
  const text = `# deploy key\n${pem}# end\n`;
  await roundTrip(utf8(text), [body], '# end');
});

test('a secret hidden in base64 is redacted by its encoded span', async () => {
  const key = awsKeyId();
  const encoded = Buffer.from(`aws_access_key_id = ${key}\n`).toString('base64');
  const text = `config blob: ${encoded}\nkeep me\n`;
  const { scan } = await engine();
  const report = scan(utf8(text), 'notes.txt');
  assert.ok(
    report.findings.some((f) => f.decoded === 'base64'),
    'the engine reports the key as decoded from base64',
  );
  const decoded = await roundTrip(utf8(text), [encoded], 'keep me');
  assert.ok(decoded.text.startsWith('config blob: [REDACTED:'));
});

test('a paired AWS key id and secret are both redacted', async () => {
  const id = awsKeyId();
  const secret = awsSecretKey();
  const text = `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\nregion = eu-west-1\n`;
  const { scan } = await engine();
  const report = scan(utf8(text), 'notes.txt');
  const pair = report.findings.find((f) => f.paired_location);
  assert.ok(pair, `a paired finding, got ${report.findings.map((f) => f.rule).join(', ')}`);
  assert.equal(pair.paired_with, 'aws.access_key_id');
  assert.ok(!report.findings.some((f) => f.rule === 'aws.access_key_id'), 'the key id is merged, not listed twice');
  await roundTrip(utf8(text), [id, secret], 'region = eu-west-1');
});

test('UTF-8 with a byte-order mark keeps it', async () => {
  const key = awsKeyId();
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(`a=1\nkey ${key}\n`)]);
  const { scan } = await engine();
  const copy = redactBytes(bytes, scan(bytes, 'a.txt'));
  assert.deepEqual([...copy.bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  await roundTrip(bytes, [key], 'a=1');
});

for (const [label, littleEndian, bom] of [
  ['UTF-16LE with BOM', true, true],
  ['UTF-16BE with BOM', false, true],
  ['UTF-16LE without BOM', true, false],
]) {
  test(`${label}`, async () => {
    const key = awsKeyId();
    const bytes = utf16(`naïve café\nid ${key} end\n`, littleEndian, bom);
    const decoded = await roundTrip(bytes, [key], 'naïve café');
    const expected = bom ? (littleEndian ? 'utf-16le-bom' : 'utf-16be-bom') : littleEndian ? 'utf-16le' : 'utf-16be';
    assert.equal(decoded.encoding, expected);
  });
}

test('Latin-1 (not UTF-8) text', async () => {
  const key = awsKeyId();
  const decoded = await roundTrip(latin1(`Schlüssel für Büro\nclé ${key}\n`), [key], 'Schlüssel für Büro');
  assert.equal(decoded.encoding, 'latin-1');
});

test('a position that does not match the preview is refused, not guessed', async () => {
  const { scan } = await engine();
  const key = awsKeyId();
  const bytes = utf8(`line one\nkey ${key}\n`);
  const report = scan(bytes, 'a.txt');
  const shifted = structuredClone(report);
  shifted.findings[0].location.column += 1;
  assert.throws(() => redactBytes(bytes, shifted), /does not match its preview/);
  const wrongLine = structuredClone(report);
  wrongLine.findings[0].location.line = 40;
  assert.throws(() => redactBytes(bytes, wrongLine), /past the end/);
});

test('findings without positions or outside the text cannot be redacted', async () => {
  const { scan } = await engine();
  const key = awsKeyId();
  const inName = scan(utf8('nothing here\n'), `backup-${key}.txt`);
  assert.equal(canRedact(inName).ok, false);
  const noLength = scan(utf8(`key ${key}\n`), 'a.txt');
  delete noLength.findings[0].location.length;
  assert.equal(canRedact(noLength).ok, false);
});

test('overlapping spans merge into one placeholder', () => {
  const finding = (column, length, preview) => ({
    rule: 'r',
    location: { part: 'text', line: 1, column, length },
    preview,
  });
  const spans = locateFindings('abcdefghij', [finding(2, 4, 'b…'), finding(4, 4, 'd…')]);
  assert.deepEqual(
    spans.map((s) => [s.start, s.end]),
    [[1, 7]],
  );
});
