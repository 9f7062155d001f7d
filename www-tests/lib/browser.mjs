// Debian's Chromium with the unpacked extension, driven by playwright-core.
// The test site is made a protected site "the way an admin would": a managed
// policy file for the extension (3rdparty → extensions → <id>), which
// Chromium surfaces in chrome.storage.managed. Tests run as root here and in
// CI; the file is removed again when the browser closes.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const EXTENSION_DIR = process.env.NOSPILL_EXTENSION_DIR ?? fileURLToPath(new URL('../../extension/', import.meta.url));
const POLICY_DIR = process.env.NOSPILL_POLICY_DIR ?? '/etc/chromium/policies/managed';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The extension id Chromium derives from the manifest's public key. */
export function extensionId() {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  if (!manifest.key) throw new Error('extension/manifest.json has no "key": the extension id would not be stable');
  const digest = createHash('sha256').update(Buffer.from(manifest.key, 'base64')).digest('hex').slice(0, 32);
  return [...digest].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** Stops early with a clear message when the extension is not built. */
export function assertExtensionBuilt() {
  const wasm = join(EXTENSION_DIR, 'pkg', 'scanner_wasm_bg.wasm');
  if (!existsSync(wasm)) {
    throw new Error('the extension is not built (extension/pkg is missing): run scripts/build-extension.sh first');
  }
}

/**
 * @typedef {object} TestPolicy
 * @property {string[]} protectedSites
 * @property {'block' | 'warn' | 'audit'} mode
 * @property {'closed' | 'open'} [failMode]
 * @property {number} [holdTimeoutMs]
 * @property {string} [verifyServerUrl]
 * @property {string} [verifyServerToken]
 * @property {'never' | 'findings' | 'always'} [verify]
 * @property {boolean} [allowRedact]
 */

export class Browser {
  /** @type {import('playwright-core').BrowserContext} */
  context;
  /** @type {import('playwright-core').Worker} */
  serviceWorker;
  id = extensionId();
  #userDataDir = '';
  #policyFile = '';

  /**
   * Writes the managed policy, launches Chromium with the extension and
   * waits until the service worker has registered the content scripts for
   * the protected sites.
   * @param {TestPolicy} policy
   */
  async launch(policy) {
    assertExtensionBuilt();
    try {
      mkdirSync(POLICY_DIR, { recursive: true });
      this.#policyFile = join(POLICY_DIR, `nospill-www-tests-${process.pid}.json`);
      writeFileSync(this.#policyFile, JSON.stringify({ '3rdparty': { extensions: { [this.id]: policy } } }, null, 2));
    } catch (err) {
      throw new Error(
        `cannot write the managed policy file in ${POLICY_DIR} (${err.code ?? err}): the tests register their pages as protected sites the way an admin does, which needs root (run them as root, e.g. in CI or a container)`,
      );
    }

    this.#userDataDir = mkdtempSync(join(tmpdir(), 'nospill-chromium-'));
    // Developer mode: an unpacked extension reloaded with chrome.runtime.reload()
    // stays enabled only then (Chromium disables it otherwise).
    mkdirSync(join(this.#userDataDir, 'Default'));
    writeFileSync(
      join(this.#userDataDir, 'Default', 'Preferences'),
      JSON.stringify({ extensions: { ui: { developer_mode: true } } }),
    );
    this.context = await chromium.launchPersistentContext(this.#userDataDir, {
      executablePath: CHROMIUM,
      headless: false,
      viewport: { width: 1100, height: 760 },
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
      ],
    });
    this.serviceWorker = await this.#waitForServiceWorker();
    await this.waitForRegistration(policy.protectedSites);
    return this;
  }

  /** @returns {Promise<import('playwright-core').Worker>} */
  async #waitForServiceWorker() {
    const prefix = `chrome-extension://${this.id}/`;
    const found = this.context.serviceWorkers().find((w) => w.url().startsWith(prefix));
    if (found) return found;
    return this.context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(prefix), timeout: 20_000 });
  }

  /**
   * Waits until the service worker has read the managed policy and
   * registered nospill's content scripts for `sites`.
   * @param {string[]} sites
   */
  async waitForRegistration(sites) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const registered = await this.serviceWorker
        .evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.matches ?? []).flat())
        .catch(() => []);
      if (sites.every((site) => registered.some((pattern) => pattern.startsWith(site)))) return;
      if (Date.now() > deadline) {
        throw new Error(`the extension did not register content scripts for ${sites.join(', ')} (registered: ${registered.join(', ') || 'none'}); is the managed policy file read?`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /**
   * Reloads the extension from its service worker, as an update does, and
   * waits for the new service worker.
   */
  async reloadExtension() {
    const prefix = `chrome-extension://${this.id}/`;
    const next = this.context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(prefix), timeout: 20_000 });
    await this.serviceWorker.evaluate(() => chrome.runtime.reload()).catch(() => {});
    this.serviceWorker = await next;
  }

  /**
   * Turns the extension off the way a person does, with its switch on
   * chrome://extensions (the details page).
   */
  async disableExtension() {
    const page = await this.context.newPage();
    await page.goto(`chrome://extensions/?id=${this.id}`);
    const toggle = page.locator('extensions-detail-view').locator('#enableToggle');
    await toggle.waitFor();
    if ((await toggle.getAttribute('aria-checked')) === 'true') await toggle.click();
    for (let i = 0; (await toggle.getAttribute('aria-checked')) !== 'false'; i++) {
      if (i > 100) throw new Error('the extension did not switch off');
      await page.waitForTimeout(100);
    }
    await page.close();
  }

  async close() {
    await this.context?.close().catch(() => {});
    if (this.#policyFile) rmSync(this.#policyFile, { force: true });
    if (this.#userDataDir) rmSync(this.#userDataDir, { recursive: true, force: true });
  }
}
