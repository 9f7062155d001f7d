// One test file's world: the chat-like site, the real verify-server, and
// Chromium with the extension, the site registered as protected by a managed
// policy. Failure output names files and rule previews only, never secrets.
import { rmSync } from 'node:fs';
import { Browser } from './browser.mjs';
import { workDir } from './fixtures.mjs';
import { Site } from './site.mjs';
import { VerifyServer } from './verify-server.mjs';

/**
 * @typedef {object} World
 * @property {Site} site
 * @property {VerifyServer | null} server
 * @property {Browser} browser
 * @property {string} dir   temp directory for this file's fixtures
 * @property {() => Promise<import('playwright-core').Page>} newPage
 * @property {() => Promise<void>} close
 */

/**
 * @param {{policy?: Partial<import('./browser.mjs').TestPolicy>, server?: boolean | {overrides?: 'allow' | 'deny'}, serverUrl?: string}} options
 * @returns {Promise<World>}
 */
export async function startWorld(options = {}) {
  const site = new Site();
  await site.start();
  /** @type {VerifyServer | null} */
  let server = null;
  if (options.server) {
    server = new VerifyServer();
    await server.start(typeof options.server === 'object' ? options.server : {});
  }
  const browser = new Browser();
  const dir = workDir();
  const world = {
    site,
    server,
    browser,
    dir,
    async newPage() {
      const page = await browser.context.newPage();
      return page;
    },
    async close() {
      await browser.close();
      await server?.stop();
      await site.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await browser.launch({
      protectedSites: [site.origin],
      mode: 'block',
      failMode: 'closed',
      holdTimeoutMs: 60_000,
      verify: server || options.serverUrl ? 'findings' : 'never',
      allowRedact: true,
      ...(server ? { verifyServerUrl: server.url, verifyServerToken: server.token } : {}),
      ...(options.serverUrl ? { verifyServerUrl: options.serverUrl } : {}),
      ...options.policy,
    });
  } catch (err) {
    await world.close();
    throw err;
  }
  return world;
}

/**
 * Opens one of the site's pages and waits until nospill's content script
 * is running in it (its scanner frame is in the page).
 * @param {World} world
 * @param {string} path  e.g. '/react.html'
 */
export async function openPage(world, path) {
  const page = await world.newPage();
  await page.goto(world.site.origin + path);
  // The content script adds its scanner frame once it knows the page is protected.
  await page.waitForSelector('iframe[src^="chrome-extension://"]', { state: 'attached', timeout: 20_000 });
  return page;
}
