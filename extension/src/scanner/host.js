// The scanner host: a hidden, web-accessible extension frame owned by the
// content script of the page it sits in. It accepts one MessagePort from its
// parent (MSG.HOST_CONNECT), answers ScanRequests over it, and keeps the
// scanner in a dedicated Web Worker that it replaces when a scan overruns its
// time budget or crashes.
//
// Why a frame: a page's CSP cannot stop a worker that an extension-origin
// document starts, and the page never sees the bytes.

import { MSG } from '../shared/protocol.js';
import { sha256Hex } from '../shared/digest.js';
import { createLogger, followStoredLogLevel } from '../shared/logger.js';
import { DEFAULT_POLICY, mergePolicy, scanOptionsFor } from '../shared/policy.js';

/** @typedef {import('../shared/protocol.js').Report} Report */
/** @typedef {import('../shared/protocol.js').ScanRequest} ScanRequest */
/** @typedef {import('../shared/protocol.js').ScanResult} ScanResult */
/** @typedef {NonNullable<ScanResult['error']>} ScanError */
/** @typedef {{ok: true, report: Report} | {ok: false, error: ScanError}} Outcome */
/** @typedef {import('../shared/policy.js').ScanPolicy} ScanPolicy */

/** Policy keys that change what a scan reports. */
const SCAN_POLICY_KEYS = Object.freeze(['customRules', 'allowlist', 'blockAt', 'warnAt', 'inlineAllow']);

const log = createLogger('scanner-host');

const WORKER_URL = new URL('./worker.js', import.meta.url);
const WASM_URL = new URL('../../pkg/scanner_wasm_bg.wasm', import.meta.url);

/** Bounds on a request's timeoutMs, so a bad value can neither kill every scan nor hang one. */
const MIN_TIMEOUT_MS = 100;
const MAX_TIMEOUT_MS = 600_000;
/**
 * Share of timeoutMs given to the engine as its own time budget: it then
 * stops by itself and reports what it read (verdict warn) before the hard
 * limit terminates the worker and the upload gets the fail mode.
 */
const SOFT_BUDGET_SHARE = 0.8;
/** After a file this large the worker is replaced, so its grown WebAssembly memory is returned. */
const RETIRE_AFTER_BYTES = 32 * 1024 * 1024;
/** Reports remembered per page, by SHA-256 and name. */
const CACHE_ENTRIES = 256;

/**
 * Reports of files already scanned in this page, so the same file chosen
 * again is answered at once. Keyed by content hash and name, because a
 * secret can sit in the name too.
 */
class ReportCache {
  /** @type {Map<string, Report>} */
  #entries = new Map();

  /**
   * @param {string} key
   * @returns {Report | undefined}
   */
  get(key) {
    const report = this.#entries.get(key);
    if (report) {
      this.#entries.delete(key);
      this.#entries.set(key, report);
    }
    return report;
  }

  /**
   * @param {string} key
   * @param {Report} report
   */
  set(key, report) {
    this.#entries.delete(key);
    this.#entries.set(key, report);
    while (this.#entries.size > CACHE_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }
}

/** The WebAssembly module, compiled once per frame and shared with every worker it starts. */
const compiledModule = WebAssembly.compileStreaming(fetch(WASM_URL)).catch((err) => {
  log.warn('could not precompile the scanner; each worker compiles its own', { error: err });
  return undefined;
});

/** One dedicated worker and the single scan it may be running. */
class ScannerWorker {
  /** @type {Worker} */
  #worker;
  /** @type {{id: number, settle: (outcome: Outcome) => void} | null} */
  #pending = null;
  #dead = false;

  constructor() {
    this.#worker = new Worker(WORKER_URL, { type: 'module', name: 'nospill-scanner' });
    this.#worker.onmessage = (event) => this.#onMessage(event.data);
    this.#worker.onerror = (event) => {
      event.preventDefault();
      this.#fail('crash', `scanner worker failed: ${event.message || 'script error'}`);
    };
    this.#worker.onmessageerror = () => this.#fail('crash', 'scanner worker sent an unreadable message');
    void compiledModule.then((module) => {
      if (!this.#dead) this.#worker.postMessage({ type: 'init', module });
    });
  }

  get dead() {
    return this.#dead;
  }

  /**
   * Scans one file; the buffer is transferred to the worker.
   * @param {number} id
   * @param {string} name
   * @param {ArrayBuffer} buffer
   * @param {number} timeoutMs
   * @param {ScanPolicy} options
   * @returns {Promise<Outcome>}
   */
  scan(id, name, buffer, timeoutMs, options) {
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.#fail('timeout', `scan took longer than ${timeoutMs} ms; the scanner was restarted`),
        timeoutMs,
      );
      this.#pending = {
        id,
        settle: (outcome) => {
          clearTimeout(timer);
          this.#pending = null;
          resolve(outcome);
        },
      };
      const timeBudgetMs = Math.max(50, Math.floor(timeoutMs * SOFT_BUDGET_SHARE));
      // The wait for the compiled module counts against the time budget too.
      void compiledModule.then(() => {
        if (this.#dead || this.#pending?.id !== id) return;
        this.#worker.postMessage({ type: 'scan', id, name, buffer, timeBudgetMs, options }, [buffer]);
      });
    });
  }

  /** @param {any} message */
  #onMessage(message) {
    if (message?.type === 'init-failed') {
      this.#fail('crash', `scanner failed to start: ${message.message}`);
    } else if (message?.type === 'ready') {
      log.debug('scanner ready', { reportVersion: message.reportVersion, rules: message.ruleCount });
    } else if (message?.type === 'result' && this.#pending && message.id === this.#pending.id) {
      if (!message.ok && message.error?.kind === 'crash') this.terminate();
      this.#pending.settle(
        message.ok
          ? { ok: true, report: message.report }
          : { ok: false, error: { kind: message.error?.kind ?? 'error', message: message.error?.message ?? '' } },
      );
    }
  }

  /**
   * Ends the worker and answers its pending scan, if any, with `kind`.
   * @param {'timeout' | 'crash'} kind
   * @param {string} message
   */
  #fail(kind, message) {
    log.warn('scanner worker replaced', { kind });
    this.terminate();
    this.#pending?.settle({ ok: false, error: { kind, message } });
  }

  terminate() {
    this.#dead = true;
    this.#worker.terminate();
  }
}

/** Runs one scan at a time, with the cache in front and a fresh worker after a failure. */
class ScanService {
  #cache = new ReportCache();
  /** @type {Promise<{options: ScanPolicy, key: string}>} */
  #policy = readScanPolicyOrDefault();

  /** Re-reads the scan policy after a change; reports made under the old one are dropped. */
  policyChanged() {
    this.#policy = readScanPolicyOrDefault();
    this.#cache = new ReportCache();
  }
  /** @type {ScannerWorker | null} */
  #worker = null;
  /** @type {Promise<void>} */
  #queue = Promise.resolve();

  /** Starts the worker early so the first scan does not wait for it. */
  warmUp() {
    this.#worker ??= new ScannerWorker();
  }

  /**
   * @param {unknown} data
   * @param {(result: ScanResult) => void} respond
   */
  enqueue(data, respond) {
    this.#queue = this.#queue.then(() =>
      this.#handle(data).then(respond, (err) => {
        log.error('scan request failed unexpectedly', { error: err });
        const id = typeof (/** @type {any} */ (data)?.id) === 'number' ? /** @type {any} */ (data).id : -1;
        respond({ type: MSG.SCAN_RESULT, id, ok: false, error: { kind: 'error', message: String(err) } });
      }),
    );
  }

  /**
   * @param {unknown} data
   * @returns {Promise<ScanResult>}
   */
  async #handle(data) {
    const request = /** @type {Partial<ScanRequest>} */ (data ?? {});
    const id = typeof request.id === 'number' ? request.id : -1;
    if (request.type !== MSG.SCAN || id < 0) {
      return { type: MSG.SCAN_RESULT, id, ok: false, error: { kind: 'error', message: 'not a scan request' } };
    }
    if (!(request.buffer instanceof ArrayBuffer) || typeof request.name !== 'string') {
      const message = 'a scan request needs name (string) and buffer (ArrayBuffer, transferred)';
      return { type: MSG.SCAN_RESULT, id, ok: false, error: { kind: 'error', message } };
    }
    const timeoutMs = Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, Number(request.timeoutMs) || 30_000));
    const buffer = request.buffer;
    const size = buffer.byteLength;
    const policy = await this.#policy;
    const key = `${await sha256Hex(buffer)}\u0000${request.name}\u0000${policy.key}`;
    const cached = this.#cache.get(key);
    if (cached) {
      log.debug('report from this page’s cache', { size });
      return { type: MSG.SCAN_RESULT, id, ok: true, report: cached, cached: true };
    }
    if (!this.#worker || this.#worker.dead) this.#worker = new ScannerWorker();
    const worker = this.#worker;
    const started = performance.now();
    const outcome = await worker.scan(id, request.name, buffer, timeoutMs, policy.options);
    log.debug('scan finished', { ok: outcome.ok, size, ms: Math.round(performance.now() - started) });
    if (worker.dead || size >= RETIRE_AFTER_BYTES) {
      worker.terminate();
      this.#worker = new ScannerWorker();
    }
    if (!outcome.ok) return { type: MSG.SCAN_RESULT, id, ok: false, error: outcome.error };
    this.#cache.set(key, outcome.report);
    return { type: MSG.SCAN_RESULT, id, ok: true, report: outcome.report };
  }
}

/**
 * The scan options of the effective policy (managed over the options page
 * over the defaults, as the service worker merges them), and a digest of
 * them that keys the report cache.
 * @returns {Promise<{options: ScanPolicy, key: string}>}
 */
async function readScanPolicy() {
  /** @type {[Record<string, unknown>, Record<string, unknown>]} */
  const [managed, local] = await Promise.all([
    chrome.storage.managed.get([...SCAN_POLICY_KEYS]).catch(() => ({})),
    chrome.storage.local.get([...SCAN_POLICY_KEYS]).catch(() => ({})),
  ]);
  const effective = mergePolicy(managed, local);
  for (const problem of effective.problems) log.warn('policy value ignored', { problem });
  const options = scanOptionsFor(effective.policy);
  const key = await sha256Hex(new TextEncoder().encode(JSON.stringify(options)).buffer);
  log.debug('scan policy', {
    customRules: options.customRules !== undefined,
    allowlist: options.allowlist !== undefined,
    verdictPolicy: options.verdictPolicy,
  });
  return { options, key };
}

/**
 * The scan policy, or the engine's defaults when storage cannot be read:
 * a scan with the built-in rules beats no scan at all.
 * @returns {Promise<{options: ScanPolicy, key: string}>}
 */
function readScanPolicyOrDefault() {
  return readScanPolicy().catch((err) => {
    log.error('scan policy unreadable; scanning with the built-in rules and default thresholds', { error: err });
    return { options: scanOptionsFor(DEFAULT_POLICY), key: 'default' };
  });
}

/**
 * The nonce the content script put in this frame's URL (#nonce), if any: a
 * page can post to this frame but cannot read its URL, so a connect that
 * carries the nonce comes from the content script.
 */
function expectedNonce() {
  const nonce = decodeURIComponent(location.hash.slice(1));
  return nonce.length > 0 ? nonce : null;
}

function main() {
  void followStoredLogLevel();
  if (window.parent === window) {
    log.warn('the scanner host only works inside a page, appended by nospill’s content script');
    return;
  }
  const service = new ScanService();
  chrome.storage.onChanged.addListener((changes, area) => {
    if ((area === 'managed' || area === 'local') && SCAN_POLICY_KEYS.some((key) => key in changes)) {
      service.policyChanged();
    }
  });
  const nonce = expectedNonce();
  let connected = false;

  /** @param {MessageEvent} event */
  const onConnect = (event) => {
    const data = event.data;
    if (event.source !== window.parent || data?.type !== MSG.HOST_CONNECT) return;
    const port = event.ports[0];
    if (!(port instanceof MessagePort)) {
      log.warn('connect message without a MessagePort; ignored');
      return;
    }
    if (nonce !== null && data.nonce !== nonce) {
      log.warn('connect message with a wrong nonce; ignored');
      port.close();
      return;
    }
    if (connected) {
      log.warn('second connect message; ignored (one content script owns this frame)');
      port.close();
      return;
    }
    connected = true;
    window.removeEventListener('message', onConnect);
    port.onmessage = (message) => service.enqueue(message.data, (result) => port.postMessage(result));
    service.warmUp();
    log.debug('connected to the content script');
  };
  window.addEventListener('message', onConnect);
}

main();
