// Synthetic test data: tokens with the right shape (random each run, never
// real credentials) and files that carry them: .env text, PDFs of a chosen
// size. Failure messages must show only previews, so `preview()` is here too.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** An AWS access key id shape: AKIA + 16 base32 characters. */
export function awsKeyId() {
  let key = 'AKIA';
  for (let i = 0; i < 16; i++) key += BASE32[randomInt(32)];
  return key;
}

/** An AWS secret access key shape: 40 characters of base64 alphabet. */
export function awsSecretKey() {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';
  let key = '';
  for (let i = 0; i < 40; i++) key += alphabet[randomInt(alphabet.length)];
  return key;
}

/**
 * A PEM private key block: a DER SEQUENCE header (what the engine's
 * structure check looks for) around random bytes. Not a usable key.
 */
export function privateKeyPem() {
  const der = randomBytes(900);
  der.set([0x30, 0x82, 0x03, 0x80, 0x02], 0); // SEQUENCE of 896 bytes, starting with an INTEGER
  const body = der.toString('base64').replace(/(.{64})/g, '$1\n').trim();
  return `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`;
}

/** What a failure message may show of a secret. */
export function preview(secret) {
  return `${secret.slice(0, Math.min(8, Math.floor(secret.length / 4)))}…`;
}

/** A temporary directory for this test run's files. */
export function workDir() {
  return mkdtempSync(join(tmpdir(), 'nospill-www-'));
}

/**
 * Writes a file and returns its path.
 * @param {string} dir
 * @param {string} name
 * @param {string | Uint8Array} content
 */
export function writeFixture(dir, name, content) {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const WORDS =
  'quarterly revenue grew across every region while operating costs fell the board approved the plan for next year and the team shipped the release on time with fewer defects than before'.split(
    ' ',
  );

/** A line of ordinary prose. */
function proseLine() {
  const words = [];
  for (let i = 0; i < 12; i++) words.push(WORDS[randomInt(WORDS.length)]);
  return words.join(' ');
}

/**
 * A PDF of about `targetBytes`: pages of Helvetica text (Flate-compressed
 * content streams), `secretLine` on the last page when given, and, when
 * `imageShare` > 0, that share of the size as incompressible image data
 * (like scanned pages or photos in real reports).
 * @param {{targetBytes: number, secretLine?: string, imageShare?: number}} options
 * @returns {Buffer}
 */
export function makePdf({ targetBytes, secretLine, imageShare = 0 }) {
  /** @type {Buffer[]} */
  const objects = [];
  const add = (/** @type {string | Buffer} */ body) => {
    objects.push(Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'));
    return objects.length;
  };
  const stream = (/** @type {string} */ dict, /** @type {Buffer} */ data) =>
    Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);

  const catalog = add('');
  const pagesId = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const imageBytes = Math.floor(targetBytes * imageShare);
  /** @type {number | null} */
  let image = null;
  if (imageBytes > 0) {
    // A gray image of random pixels: its bytes cannot be compressed away.
    const side = Math.max(1, Math.floor(Math.sqrt(imageBytes)));
    const pixels = randomBytes(side * side);
    image = add(stream(`/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8`, pixels));
  }
  /** @type {number[]} */
  const pages = [];
  let size = objects.reduce((n, o) => n + o.length, 0);
  const pageText = (/** @type {string[]} */ lines) => {
    let text = 'BT /F1 10 Tf 12 TL 50 780 Td\n';
    for (const line of lines) text += `(${line.replace(/[()\\]/g, '\\$&')}) '\n`;
    return `${text}ET\n${image !== null && pages.length === 0 ? 'q 200 0 0 200 300 50 cm /Im1 Do Q\n' : ''}`;
  };
  const addPage = (/** @type {string[]} */ lines) => {
    const content = add(stream('/Filter /FlateDecode', deflateSync(Buffer.from(pageText(lines), 'latin1'))));
    const resources = `/Font << /F1 ${font} 0 R >>${image !== null ? ` /XObject << /Im1 ${image} 0 R >>` : ''}`;
    pages.push(add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 612 792] /Resources << ${resources} >> /Contents ${content} 0 R >>`));
    size += objects[content - 1].length + objects[pages[pages.length - 1] - 1].length + 40;
  };
  do {
    const lines = [];
    for (let i = 0; i < 60; i++) lines.push(proseLine());
    addPage(lines);
  } while (size < targetBytes - 4096);
  if (secretLine !== undefined) addPage(['Deployment notes', secretLine, proseLine()]);
  objects[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${pagesId} 0 R >>`, 'latin1');
  objects[pagesId - 1] = Buffer.from(`<< /Type /Pages /Kids [${pages.map((p) => `${p} 0 R`).join(' ')}] /Count ${pages.length} >>`, 'latin1');

  /** @type {Buffer[]} */
  const out = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = out[0].length;
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    out.push(chunk);
    offset += chunk.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) xref += `${String(at).padStart(10, '0')} 00000 n \n`;
  out.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(out);
}
