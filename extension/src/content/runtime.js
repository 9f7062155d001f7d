// The content script's link to the service worker: policy, verification by
// the verify-server (the file in chunks below the runtime message limit) and
// recorded decisions. Also tells whether the extension is still there: after
// an update or reload chrome.runtime.id becomes undefined in an orphaned
// content script, and every call here would throw.

import { MSG, RUNTIME_CHUNK_BYTES } from '../shared/protocol.js';
import { sha256Hex, toHex } from '../shared/digest.js';
import { readBlob } from './read.js';

/** @typedef {import('../shared/protocol.js').Policy} Policy */
/** @typedef {import('../shared/protocol.js').Mode} Mode */
/** @typedef {import('../shared/protocol.js').VerifyResult} VerifyResult */
/** @typedef {import('../shared/protocol.js').DecisionResult} DecisionResult */

/** Whether this content script still belongs to a live extension. */
export function extensionAlive() {
  try {
    return typeof chrome !== 'undefined' && Boolean(chrome.runtime?.id);
  } catch {
    return false;
  }
}

/**
 * Sends one message; rejects when the extension is gone or gives no answer
 * within `timeoutMs`.
 * @template T
 * @param {object} message
 * @param {number} timeoutMs
 * @returns {Promise<T>}
 */
async function send(message, timeoutMs) {
  if (!extensionAlive()) throw new Error('the extension was reloaded or removed');
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('the extension did not answer in time')), timeoutMs);
  });
  try {
    return /** @type {T} */ (await Promise.race([chrome.runtime.sendMessage(message), deadline]));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The effective policy for this page.
 * @param {number} [timeoutMs]
 * @returns {Promise<Policy>}
 */
export async function fetchPolicy(timeoutMs = 5000) {
  const policy = await send({ type: MSG.POLICY, url: location.href }, timeoutMs);
  if (!isPolicy(policy)) throw new Error('the service worker gave no policy');
  return policy;
}

/**
 * @param {unknown} value
 * @returns {value is Policy}
 */
function isPolicy(value) {
  const p = /** @type {Partial<Policy>} */ (value);
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.protected === 'boolean' &&
    (p.mode === 'block' || p.mode === 'warn' || p.mode === 'audit') &&
    (p.failMode === 'closed' || p.failMode === 'open') &&
    typeof p.holdTimeoutMs === 'number'
  );
}

/**
 * The failed VerifyResult for a step the service worker refused, if it did.
 * @param {unknown} answer
 * @returns {VerifyResult | null}
 */
function refusal(answer) {
  const step = /** @type {{ok?: unknown, error?: unknown}} */ (answer);
  if (typeof step === 'object' && step !== null && step.ok === false) {
    return { ok: false, error: typeof step.error === 'string' ? step.error : 'the service worker refused the file' };
  }
  return null;
}

/**
 * Sends a file to the verify-server through the service worker, in chunks,
 * with its SHA-256 so the receiver can check it got every byte.
 * @param {Blob} blob
 * @param {string} name
 * @param {Mode} mode
 * @param {number} timeoutMs  for the whole transfer and the server's answer
 * @returns {Promise<VerifyResult>}
 */
export async function verifyWithServer(blob, name, mode, timeoutMs) {
  const started = Date.now();
  const left = () => Math.max(1, timeoutMs - (Date.now() - started));
  const transferId = randomId();
  const buffer = await readBlob(blob);
  const sha256 = await sha256Hex(buffer);
  // Each step answers {ok, error}; a refusal (no server configured, too
  // large, too many transfers) ends the transfer with its own reason.
  const begun = await send(
    { type: MSG.VERIFY_BEGIN, transferId, name, size: buffer.byteLength, site: location.host, mode },
    left(),
  );
  const refused = refusal(begun);
  if (refused) return refused;
  for (let index = 0, at = 0; at < buffer.byteLength || index === 0; index++, at += RUNTIME_CHUNK_BYTES) {
    const data = buffer.slice(at, Math.min(buffer.byteLength, at + RUNTIME_CHUNK_BYTES));
    const stored = refusal(await send({ type: MSG.VERIFY_CHUNK, transferId, index, data }, left()));
    if (stored) return stored;
    if (buffer.byteLength === 0) break;
  }
  const result = /** @type {VerifyResult} */ (await send({ type: MSG.VERIFY_END, transferId, sha256 }, left()));
  if (typeof result !== 'object' || result === null) return { ok: false, error: 'no answer from the service worker' };
  return result;
}

/**
 * Records the person's decision with the server; an override only counts
 * when the server says it is allowed and recorded.
 * @param {string} auditId
 * @param {'cancel' | 'override' | 'redact'} decision
 * @param {string | undefined} reason
 * @param {number} timeoutMs
 * @returns {Promise<DecisionResult>}
 */
export async function recordDecision(auditId, decision, reason, timeoutMs) {
  const result = /** @type {DecisionResult} */ (
    await send({ type: MSG.DECISION, auditId, decision, reason }, timeoutMs)
  );
  if (typeof result !== 'object' || result === null) {
    return { ok: false, allowed: false, recorded: false, error: 'no answer' };
  }
  return result;
}

function randomId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return toHex(bytes);
}
