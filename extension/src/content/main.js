// nospill's content script, loaded by content.js (content scripts cannot be
// ES modules, so that classic script imports this one). One Guardian per
// frame: it captures uploads (capture.js), holds and scans them (hold.js),
// and watches for the extension going away.
//
// Lifecycle. After an update or reload Chrome leaves this script running
// with its DOM listeners but without chrome.runtime ("orphaned"). Then:
//   - every upload still held ends by the policy's failMode, with a notice;
//   - new uploads are no longer scanned, and are not let through unscanned
//     either: they get the failMode too (closed: stopped, with a notice);
//   - a banner asks the person to refresh the page.
// When the new version's content script arrives in this frame (the service
// worker injects it into open tabs), it supersedes this one, which removes
// every listener and its UI. Instances find each other through a symbol on
// the isolated world's global, which the page cannot see.

import { createLogger, followStoredLogLevel } from '../shared/logger.js';
import { Capture } from './capture.js';
import { Holds } from './hold.js';
import { Notices } from './notice.js';
import { extensionAlive, fetchPolicy, verifyWithServer } from './runtime.js';
import { ScannerClient } from './scanner-client.js';
import { wantsVerification } from './decide.js';

/** @typedef {import('../shared/protocol.js').Policy} Policy */
/** @typedef {import('./hold.js').HeldItem} HeldItem */

const log = createLogger('content');

/** How often an idle page checks that the extension is still there. */
const ALIVE_CHECK_MS = 1000;

/**
 * Used while the service worker has not answered yet or cannot: hold
 * everything and fail closed.
 * @type {Readonly<Policy>}
 */
const CAUTIOUS_POLICY = Object.freeze({
  protected: true,
  mode: 'block',
  failMode: 'closed',
  holdTimeoutMs: 30_000,
  verify: 'never',
  serverConfigured: false,
  allowRedact: true,
});

/** The manifest version these modules were loaded for (a re-injected loader may find stale ones cached). */
const LOADED_FOR = chrome.runtime.getManifest().version;

const REGISTRY = Symbol.for('nospill.content');

/**
 * Announced on document by each new instance. After a reload the new content
 * script may run in a fresh isolated world, out of reach of the registry: an
 * orphaned instance then only learns of it through this event, and takes its
 * refresh banner down (nothing else: a page could fake the event).
 */
const STARTED_EVENT = 'nospill/content-started';

/**
 * @typedef {object} Registry
 * @property {Guardian | null} current
 */

/** Starts nospill in this frame, replacing an earlier instance if there is one. */
export function start() {
  const global = /** @type {Record<symbol, Registry | undefined>} */ (/** @type {unknown} */ (globalThis));
  const registry = (global[REGISTRY] ??= { current: null });
  registry.current?.supersede();
  const stale = chrome.runtime.getManifest().version !== LOADED_FOR;
  const guardian = new Guardian(stale);
  registry.current = guardian;
  document.dispatchEvent(new Event(STARTED_EVENT));
  guardian.listenForSuccessor();
}

class Guardian {
  #notices = new Notices();
  #scanner = new ScannerClient();
  /** @type {Policy | null} */
  #policy = null;
  /** @type {Holds} */
  #holds;
  /** @type {Capture} */
  #capture;
  /** @type {ReturnType<typeof setInterval> | undefined} */
  #aliveTimer;
  #orphaned = false;
  #ended = false;
  /** @type {(() => void) | null} */
  #unwatchStorage = null;
  #successorSeen = false;
  /** @type {(() => void) | null} */
  #unwatchSuccessor = null;

  /** @param {boolean} stale  modules from an older version: act as orphaned from the start */
  constructor(stale) {
    this.#holds = new Holds({
      policy: () => this.#freshPolicy(),
      scanner: this.#scanner,
      notices: this.#notices,
    });
    this.#capture = new Capture({
      holds: this.#holds,
      policyNow: () => this.#policy,
      audit: (items) => this.#audit(items),
      checkAlive: () => this.#checkAlive(),
      prescan: (text) => this.#prescan(text),
    });
    this.#capture.install();
    if (stale) {
      this.#orphan('nospill was updated');
      return;
    }
    void followStoredLogLevel().catch(() => {});
    void this.#freshPolicy().then((policy) => {
      if (policy.protected && policy.mode !== 'audit') this.#warmUpWhenIdle();
    });
    this.#aliveTimer = setInterval(() => this.#checkAlive(), ALIVE_CHECK_MS);
    const onStorage = () => void this.#freshPolicy();
    try {
      chrome.storage.onChanged.addListener(onStorage);
      this.#unwatchStorage = () => chrome.storage.onChanged.removeListener(onStorage);
    } catch {
      // No storage access in this context: the policy is refreshed per hold anyway.
    }
  }

  /**
   * The policy now, asked from the service worker; the last known one (or
   * a cautious default) when it does not answer.
   * @returns {Promise<Policy>}
   */
  async #freshPolicy() {
    if (this.#orphaned) return this.#policy ?? CAUTIOUS_POLICY;
    try {
      this.#policy = await fetchPolicy();
    } catch (err) {
      log.warn('no policy from the service worker; using the last known one', { error: err });
      this.#checkAlive();
    }
    return this.#policy ?? CAUTIOUS_POLICY;
  }

  #warmUpWhenIdle() {
    const warm = () => {
      if (!this.#ended && !this.#orphaned) this.#scanner.warmUp();
    };
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => requestIdleCallback(warm, { timeout: 2000 }), { once: true });
    } else {
      requestIdleCallback(warm, { timeout: 2000 });
    }
  }

  /**
   * Audit mode: nothing is held; each item is scanned and, when the policy
   * says so, sent to the server, which records it.
   * @param {HeldItem[]} items
   */
  #audit(items) {
    void (async () => {
      const policy = await this.#freshPolicy();
      for (const item of items) {
        const scanned = await this.#scanner.scan(item.blob, item.label, policy.holdTimeoutMs);
        if (wantsVerification(policy, scanned.ok ? scanned.report : null)) {
          await verifyWithServer(item.blob, item.label, policy.mode, policy.holdTimeoutMs).catch((err) =>
            log.warn('audit: the server could not record an upload', { error: err }),
          );
        }
      }
    })();
  }

  /**
   * Whether a composer's text would go through a hold untouched: scanned
   * clean here, and the policy does not want the server to see it.
   * @param {string} text
   */
  async #prescan(text) {
    const policy = this.#policy;
    if (!policy || !policy.protected || policy.mode === 'audit' || this.#orphaned || this.#ended) return false;
    const scanned = await this.#scanner.scan(new Blob([text], { type: 'text/plain' }), 'message', policy.holdTimeoutMs);
    return scanned.ok && scanned.report.verdict === 'allow' && !wantsVerification(policy, scanned.report);
  }

  /** Notices an orphaned script: on a timer, and before every hold. */
  #checkAlive() {
    if (this.#ended || this.#orphaned) return;
    if (!extensionAlive()) this.#orphan('nospill was reloaded or updated');
  }

  /**
   * The extension is gone. Held uploads end by failMode; the capture stays
   * only to give new uploads the failMode (never a silent pass); the person
   * is told to refresh.
   * @param {string} why
   */
  #orphan(why) {
    if (this.#orphaned || this.#ended) return;
    this.#orphaned = true;
    clearInterval(this.#aliveTimer);
    this.#unwatchStorage?.();
    this.#scanner.dispose();
    const failMode = (this.#policy ?? CAUTIOUS_POLICY).failMode;
    log.warn('the extension went away; uploads get the fail mode until the page is refreshed', { failMode });
    this.#holds.stopAll(failMode, why);
    // Every listener goes; a guard on document takes only the uploads no
    // newer content script claims first, and gives them the fail mode.
    this.#capture.dispose();
    this.#capture = new Capture(
      {
        holds: this.#holds,
        policyNow: () => this.#policy ?? CAUTIOUS_POLICY,
        audit: () => {},
        checkAlive: () => {},
        prescan: async () => false,
      },
      { guard: true },
    );
    this.#capture.install();
    if (this.#successorSeen) return;
    this.#notices.banner(
      failMode === 'closed'
        ? 'nospill was updated or reloaded. Refresh this page to upload files or paste again; until then uploads are stopped.'
        : 'nospill was updated or reloaded. Refresh this page: until then uploads are not checked.',
    );
  }

  /** Notes a newer instance in another world, so an orphaned one drops its refresh banner. */
  listenForSuccessor() {
    const onStarted = () => {
      this.#successorSeen = true;
      this.#notices.hideBanner();
    };
    document.addEventListener(STARTED_EVENT, onStarted);
    this.#unwatchSuccessor = () => document.removeEventListener(STARTED_EVENT, onStarted);
  }

  /** A newer instance took over this frame: leave without a trace. */
  supersede() {
    if (this.#ended) return;
    this.#ended = true;
    clearInterval(this.#aliveTimer);
    this.#unwatchStorage?.();
    this.#capture.dispose();
    this.#unwatchSuccessor?.();
    const heldSome = this.#holds.size > 0;
    this.#holds.stopAll((this.#policy ?? CAUTIOUS_POLICY).failMode, 'nospill restarted');
    this.#scanner.dispose();
    // Let a notice about held uploads stay readable before the UI goes.
    setTimeout(() => this.#notices.dispose(), heldSome ? 8000 : 0);
  }
}
