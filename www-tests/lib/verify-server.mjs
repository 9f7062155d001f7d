// Starts the real verify-server (target/release or target/debug) on a free
// port with a temporary audit database and a bearer token, and stops it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** The verify-server binary: NOSPILL_VERIFY_SERVER, else the newer of the release and debug builds. */
export function verifyServerBinary() {
  if (process.env.NOSPILL_VERIFY_SERVER) return process.env.NOSPILL_VERIFY_SERVER;
  const candidates = ['target/release/verify-server', 'target/debug/verify-server']
    .map((path) => join(REPO, path))
    .filter((path) => existsSync(path))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (candidates.length === 0) {
    throw new Error('verify-server is not built: run `cargo build --release -p verify-server` in the repository');
  }
  return candidates[0];
}

export class VerifyServer {
  url = '';
  token = randomBytes(24).toString('hex');
  /** @type {import('node:child_process').ChildProcess | null} */
  #child = null;
  #dir = '';

  /**
   * @param {{overrides?: 'allow' | 'deny'}} [options]
   */
  async start(options = {}) {
    this.#dir = mkdtempSync(join(tmpdir(), 'nospill-verify-'));
    const child = spawn(verifyServerBinary(), ['serve'], {
      env: {
        ...process.env,
        NOSPILL_LISTEN: '127.0.0.1:0',
        NOSPILL_AUDIT_DB: join(this.#dir, 'audit.sqlite3'),
        NOSPILL_API_TOKENS: this.token,
        NOSPILL_OVERRIDES: options.overrides ?? 'allow',
        NOSPILL_FINGERPRINT_KEY: randomBytes(32).toString('hex'),
        NOSPILL_LOG: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    const lines = createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) });
    const errLines = createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stderr) });
    this.url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('verify-server did not start within 20 s')), 20_000);
      const onLine = (/** @type {string} */ line) => {
        try {
          const entry = JSON.parse(line);
          if (entry.message === 'listening' && entry.addr) {
            clearTimeout(timer);
            resolve(`http://${entry.addr}`);
          }
        } catch {
          // not a JSON log line
        }
      };
      lines.on('line', onLine);
      errLines.on('line', onLine);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`verify-server exited with ${code} before listening`));
      });
    });
    return this.url;
  }

  /**
   * GET /audit, authenticated.
   * @param {Record<string, string>} [query]
   * @returns {Promise<any[]>}
   */
  async audit(query = {}) {
    const params = new URLSearchParams({ limit: '100', ...query });
    const response = await fetch(`${this.url}/audit?${params}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw new Error(`GET /audit answered ${response.status}`);
    return (await response.json()).events;
  }

  async stop() {
    const child = this.#child;
    this.#child = null;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
  }
}
