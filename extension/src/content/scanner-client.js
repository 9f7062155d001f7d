// The content script's side of the scanner: a hidden, web-accessible
// extension frame (src/scanner/host.html) appended to the page once, and a
// MessagePort to it. Files go over as transferred ArrayBuffers; the frame
// runs the engine in a dedicated Web Worker that the page's CSP cannot
// block, replaces it when it overruns or crashes, and answers with a
// report. This side adds its own deadline, so a frame that the page removed
// or that died with the extension cannot leave a hold waiting.

import { MSG } from '../shared/protocol.js';
import { createLogger } from '../shared/logger.js';
import { readBlob } from './read.js';

/** @typedef {import('../shared/protocol.js').Report} Report */
/** @typedef {import('../shared/protocol.js').ScanResult} ScanResult */
/** @typedef {{ok: true, report: Report} | {ok: false, error: {kind: 'timeout' | 'crash' | 'error', message: string}}} ScanOutcome */

const log = createLogger('content/scanner');

const HOST_PATH = 'src/scanner/host.html';
/** Time the frame gets to load and connect before a scan counts as failed. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Grace beyond a scan's own timeout for the frame's answer to arrive. */
const ANSWER_GRACE_MS = 2_000;

const FRAME_STYLE = [
  'display: none !important',
  'position: fixed !important',
  'width: 0 !important',
  'height: 0 !important',
  'border: 0 !important',
  'visibility: hidden !important',
  'pointer-events: none !important',
].join('; ');

export class ScannerClient {
  /** @type {HTMLIFrameElement | null} */
  #frame = null;
  /** @type {Promise<MessagePort> | null} */
  #port = null;
  #nextId = 1;
  /** @type {Map<number, (outcome: ScanOutcome) => void>} */
  #pending = new Map();
  #disposed = false;

  /** Starts the frame ahead of the first scan, so that scan does not pay for the engine's start. */
  warmUp() {
    if (document.documentElement) void this.#connect().catch(() => {});
  }

  /**
   * Scans one file or text. Never rejects: failures come back as outcomes.
   * @param {Blob} blob
   * @param {string} name
   * @param {number} timeoutMs  the scan's budget; the frame replaces its worker past it
   * @returns {Promise<ScanOutcome>}
   */
  async scan(blob, name, timeoutMs) {
    if (this.#disposed) return fail('error', 'nospill stopped on this page');
    /** @type {MessagePort} */
    let port;
    /** @type {ArrayBuffer} */
    let buffer;
    try {
      [port, buffer] = await Promise.all([this.#connect(), readBlob(blob)]);
    } catch (err) {
      this.#reset();
      return fail('crash', `scanner unavailable: ${describe(err)}`);
    }
    const id = this.#nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        // The frame did not answer at all: it is gone or stuck; start over next time.
        this.#reset();
        resolve(fail('timeout', `no answer from the scanner within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs + ANSWER_GRACE_MS);
      this.#pending.set(id, (outcome) => {
        clearTimeout(timer);
        this.#pending.delete(id);
        resolve(outcome);
      });
      try {
        port.postMessage({ type: MSG.SCAN, id, name, buffer, timeoutMs }, [buffer]);
      } catch (err) {
        this.#pending.get(id)?.(fail('crash', `could not send the file to the scanner: ${describe(err)}`));
      }
    });
  }

  /** @returns {Promise<MessagePort>} */
  #connect() {
    if (this.#frame && !this.#frame.isConnected) this.#reset();
    this.#port ??= this.#open();
    return this.#port;
  }

  /** @returns {Promise<MessagePort>} */
  #open() {
    return new Promise((resolve, reject) => {
      const root = document.documentElement;
      if (!root) {
        reject(new Error('the page has no document yet'));
        return;
      }
      const nonce = randomNonce();
      const frame = document.createElement('iframe');
      frame.setAttribute('style', FRAME_STYLE);
      frame.setAttribute('aria-hidden', 'true');
      frame.setAttribute('tabindex', '-1');
      const url = chrome.runtime.getURL(HOST_PATH);
      const timer = setTimeout(() => reject(new Error('the scanner frame did not load in time')), CONNECT_TIMEOUT_MS);
      frame.addEventListener(
        'load',
        () => {
          clearTimeout(timer);
          const channel = new MessageChannel();
          channel.port1.onmessage = (event) => this.#onResult(event.data);
          try {
            frame.contentWindow?.postMessage({ type: MSG.HOST_CONNECT, nonce }, new URL(url).origin, [channel.port2]);
          } catch (err) {
            reject(err);
            return;
          }
          resolve(channel.port1);
        },
        { once: true },
      );
      frame.src = `${url}#${encodeURIComponent(nonce)}`;
      this.#frame = frame;
      // Outside <body>: frameworks re-render the body and would drop it.
      root.appendChild(frame);
    });
  }

  /** @param {ScanResult} result */
  #onResult(result) {
    if (result?.type !== MSG.SCAN_RESULT) return;
    const settle = this.#pending.get(result.id);
    if (!settle) return;
    if (result.ok && result.report) settle({ ok: true, report: result.report });
    else settle(fail(result.error?.kind ?? 'error', result.error?.message ?? 'the scanner gave no report'));
  }

  /** Drops the frame; the next scan starts a new one. Pending scans fail. */
  #reset() {
    this.#frame?.remove();
    this.#frame = null;
    this.#port = null;
    for (const settle of [...this.#pending.values()]) settle(fail('crash', 'the scanner frame went away'));
  }

  dispose() {
    this.#disposed = true;
    this.#reset();
  }
}

/**
 * @param {'timeout' | 'crash' | 'error'} kind
 * @param {string} message
 * @returns {ScanOutcome}
 */
function fail(kind, message) {
  log.warn('scan failed', { kind });
  return { ok: false, error: { kind, message } };
}

function randomNonce() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** @param {unknown} err */
function describe(err) {
  return err instanceof Error ? err.message : String(err);
}
