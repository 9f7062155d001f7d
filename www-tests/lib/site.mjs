// The chat-like test site: static pages and an upload endpoint that records
// each upload's SHA-256, on 127.0.0.1 and a free port. Plain HTTP, as the
// tests register it as a protected site by its http:// origin.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const PAGES = fileURLToPath(new URL('../pages/', import.meta.url));

/** The strict policy the CSP page is served with (the wording). */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; worker-src 'self'; frame-src 'self'";

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

/** Largest upload body the site accepts; the tests' biggest file is 70 MB. */
const MAX_BODY = 200 * 1024 * 1024;

/**
 * @typedef {object} Upload
 * @property {string} via     which page handler sent it
 * @property {string} name
 * @property {number} size
 * @property {string} sha256
 * @property {Buffer} body
 */

/**
 * @typedef {object} Message
 * @property {string} via
 * @property {string} text
 */

export class Site {
  /** @type {Upload[]} */
  uploads = [];
  /** @type {Message[]} */
  messages = [];
  /** @type {http.Server} */
  #server;
  origin = '';

  constructor() {
    this.#server = http.createServer((req, res) => {
      this.#handle(req, res).catch((err) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err));
      });
    });
  }

  /** @returns {Promise<string>} the origin, e.g. http://127.0.0.1:41234 */
  async start() {
    await new Promise((resolve) => this.#server.listen(0, '127.0.0.1', () => resolve(undefined)));
    const address = /** @type {import('node:net').AddressInfo} */ (this.#server.address());
    this.origin = `http://127.0.0.1:${address.port}`;
    return this.origin;
  }

  async stop() {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(() => resolve(undefined)));
  }

  clear() {
    this.uploads = [];
    this.messages = [];
  }

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async #handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && (url.pathname === '/upload' || url.pathname === '/message')) {
      const body = await readBody(req);
      const via = url.searchParams.get('via') ?? '';
      if (url.pathname === '/upload') {
        const name = decodeURIComponent(String(req.headers['x-file-name'] ?? ''));
        const sha256 = createHash('sha256').update(body).digest('hex');
        this.uploads.push({ via, name, size: body.length, sha256, body });
        json(res, { sha256, size: body.length });
      } else {
        this.messages.push({ via, text: body.toString('utf8') });
        json(res, { ok: true });
      }
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    /** @type {string} */
    let file;
    if (url.pathname === '/') file = 'react.html';
    else if (/^\/[a-z-]+\.html$/.test(url.pathname)) file = url.pathname.slice(1);
    else if (/^\/static\/[a-z-]+\.(js|css)$/.test(url.pathname)) file = url.pathname.slice('/static/'.length);
    else if (/^\/dist\/[a-z-]+\.js$/.test(url.pathname)) file = url.pathname.slice(1);
    else {
      res.writeHead(404).end();
      return;
    }
    let content;
    try {
      content = await readFile(PAGES + file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    const headers = { 'content-type': TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    if (file === 'csp.html') headers['content-security-policy'] = STRICT_CSP;
    res.writeHead(200, headers);
    res.end(content);
  }
}

/**
 * @param {http.IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('upload too large for the test site');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * @param {http.ServerResponse} res
 * @param {unknown} value
 */
function json(res, value) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}
