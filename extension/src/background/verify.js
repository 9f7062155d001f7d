// The verify-server client: the only part of nospill that talks to the
// server. Files arrive from a content script in chunks (VERIFY_BEGIN, CHUNK…,
// END), are reassembled and checked (size, SHA-256), and go to POST /inspect
// as the raw body; a user's decision goes to POST /decisions, and an override
// counts only when the server says it is allowed and recorded.

import { createLogger } from '../shared/logger.js';
import { MODES, normalizeServerUrl } from '../shared/policy.js';
import { RUNTIME_CHUNK_BYTES } from '../shared/protocol.js';
import { sha256Hex } from '../shared/digest.js';

/** @typedef {import('../shared/policy.js').StoredPolicy} StoredPolicy */
/** @typedef {import('../shared/protocol.js').Mode} Mode */
/** @typedef {import('../shared/protocol.js').Report} Report */
/** @typedef {import('../shared/protocol.js').VerifyBegin} VerifyBegin */
/** @typedef {import('../shared/protocol.js').VerifyChunk} VerifyChunk */
/** @typedef {import('../shared/protocol.js').VerifyEnd} VerifyEnd */
/** @typedef {import('../shared/protocol.js').VerifyResult} VerifyResult */
/** @typedef {import('../shared/protocol.js').DecisionRequest} DecisionRequest */
/** @typedef {import('../shared/protocol.js').DecisionResult} DecisionResult */

const log = createLogger('verify');

/** Largest file accepted for verification: the scanner's own input limit. */
export const MAX_VERIFY_BYTES = 128 * 1024 * 1024;
/** Transfers open at once; more is a content script that lost track. */
const MAX_OPEN_TRANSFERS = 4;
/** A transfer with no message for this long is dropped with its memory. */
const TRANSFER_IDLE_MS = 60_000;

/**
 * @typedef {object} Transfer
 * @property {string} sender   tab, frame and document the chunks must come from
 * @property {string} name
 * @property {number} size
 * @property {string} site
 * @property {Mode} mode
 * @property {Uint8Array} bytes   preallocated, chunks written in place
 * @property {number} received
 * @property {number} nextIndex
 * @property {ReturnType<typeof setTimeout>} idleTimer
 */

/** @type {Map<string, Transfer>} */
const transfers = new Map();

/**
 * @param {chrome.runtime.MessageSender} sender
 * @returns {string}
 */
function senderKey(sender) {
  return `${sender.tab?.id ?? 'none'}/${sender.frameId ?? 0}/${sender.documentId ?? ''}`;
}

/**
 * The host of the page that sent the message; the browser's word, not the page's.
 * @param {chrome.runtime.MessageSender} sender
 * @param {unknown} claimed
 */
function senderSite(sender, claimed) {
  try {
    if (sender.url) return new URL(sender.url).host;
  } catch {
    // fall through to the claimed site
  }
  return typeof claimed === 'string' ? claimed.slice(0, 253) : '';
}

/** @param {string} id */
function dropTransfer(id) {
  const transfer = transfers.get(id);
  if (!transfer) return;
  clearTimeout(transfer.idleTimer);
  transfers.delete(id);
}

/** @param {string} id */
function armIdleTimer(id) {
  return setTimeout(() => {
    log.warn('verify transfer abandoned; dropped', { transferId: id });
    transfers.delete(id);
  }, TRANSFER_IDLE_MS);
}

/**
 * @param {Partial<VerifyBegin>} message
 * @param {chrome.runtime.MessageSender} sender
 * @param {StoredPolicy} policy
 * @returns {{ok: boolean, error?: string}}
 */
export function beginTransfer(message, sender, policy) {
  const { transferId, name, size } = message;
  if (typeof transferId !== 'string' || transferId === '' || transferId.length > 100) {
    return { ok: false, error: 'verify-begin needs a transferId' };
  }
  if (typeof name !== 'string' || typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    return { ok: false, error: 'verify-begin needs a name and a size in bytes' };
  }
  if (size > MAX_VERIFY_BYTES) {
    return { ok: false, error: `file too large to verify (${size} bytes; limit ${MAX_VERIFY_BYTES})` };
  }
  if (policy.verifyServerUrl === '') return { ok: false, error: 'no verify-server is configured' };
  if (transfers.has(transferId)) return { ok: false, error: 'transferId already in use' };
  if (transfers.size >= MAX_OPEN_TRANSFERS) return { ok: false, error: 'too many verifications at once; try again' };
  const mode = /** @type {readonly string[]} */ (MODES).includes(String(message.mode))
    ? /** @type {Mode} */ (message.mode)
    : policy.mode;
  transfers.set(transferId, {
    sender: senderKey(sender),
    name,
    size,
    site: senderSite(sender, message.site),
    mode,
    bytes: new Uint8Array(size),
    received: 0,
    nextIndex: 0,
    idleTimer: armIdleTimer(transferId),
  });
  return { ok: true };
}

/**
 * @param {Partial<VerifyChunk>} message
 * @param {chrome.runtime.MessageSender} sender
 * @returns {{ok: boolean, error?: string}}
 */
export function addChunk(message, sender) {
  const id = String(message.transferId);
  const transfer = transfers.get(id);
  if (!transfer || transfer.sender !== senderKey(sender)) return { ok: false, error: 'unknown verify transfer' };
  const fail = (/** @type {string} */ error) => {
    dropTransfer(id);
    return { ok: false, error };
  };
  if (message.index !== transfer.nextIndex) {
    return fail(`chunk ${message.index} arrived, ${transfer.nextIndex} expected; send chunks in order`);
  }
  const data = /** @type {unknown} */ (message.data);
  const chunk =
    data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : null;
  if (chunk === null) {
    // Under JSON messaging an ArrayBuffer arrives as {}: the manifest needs
    // "message_serialization": "structured_clone".
    return fail('chunk data did not arrive as bytes (is structured_clone messaging on?)');
  }
  if (chunk.byteLength > RUNTIME_CHUNK_BYTES) return fail('chunk larger than RUNTIME_CHUNK_BYTES');
  if (transfer.received + chunk.byteLength > transfer.size) return fail('more bytes than the announced size');
  transfer.bytes.set(chunk, transfer.received);
  transfer.received += chunk.byteLength;
  transfer.nextIndex += 1;
  clearTimeout(transfer.idleTimer);
  transfer.idleTimer = armIdleTimer(id);
  return { ok: true };
}

/**
 * Checks the reassembled file and has the verify-server scan it.
 * @param {Partial<VerifyEnd>} message
 * @param {chrome.runtime.MessageSender} sender
 * @param {StoredPolicy} policy
 * @returns {Promise<VerifyResult>}
 */
export async function endTransfer(message, sender, policy) {
  const id = String(message.transferId);
  const transfer = transfers.get(id);
  if (!transfer || transfer.sender !== senderKey(sender)) return { ok: false, error: 'unknown verify transfer' };
  dropTransfer(id);
  if (transfer.received !== transfer.size) {
    return { ok: false, error: `received ${transfer.received} of ${transfer.size} bytes` };
  }
  const digest = await sha256Hex(/** @type {Uint8Array<ArrayBuffer>} */ (transfer.bytes));
  if (typeof message.sha256 !== 'string' || digest !== message.sha256.toLowerCase()) {
    return { ok: false, error: 'the reassembled file does not match its SHA-256; nothing was sent' };
  }
  const headers = serverHeaders(policy, {
    'Content-Type': 'application/octet-stream',
    'X-Filename': encodeURIComponent(transfer.name),
    'X-Nospill-Site': transfer.site,
    'X-Nospill-Mode': transfer.mode,
  });
  const body = /** @type {Uint8Array<ArrayBuffer>} */ (transfer.bytes);
  const answer = await callServer(policy, '/inspect', { method: 'POST', headers, body });
  if (!answer.ok) return { ok: false, error: answer.error };
  const report = /** @type {Record<string, unknown>} */ (answer.body);
  const auditId = report.audit_id;
  if (typeof auditId !== 'string' || typeof report.verdict !== 'string' || !Array.isArray(report.findings)) {
    return { ok: false, error: 'the verify-server answered with something that is not a report' };
  }
  delete report.audit_id;
  log.info('verified by the server', {
    verdict: report.verdict,
    findings: report.findings.length,
    size: transfer.size,
  });
  return { ok: true, report: /** @type {Report} */ (/** @type {unknown} */ (report)), auditId };
}

/**
 * Records the user's choice; an override is allowed only when the server
 * says so after writing it down.
 * @param {Partial<DecisionRequest>} message
 * @param {StoredPolicy} policy
 * @returns {Promise<DecisionResult>}
 */
export async function recordDecision(message, policy) {
  const refused = (/** @type {string} */ error) => ({ ok: false, allowed: false, recorded: false, error });
  const { auditId, decision, reason } = message;
  if (typeof auditId !== 'string' || auditId === '') return refused('a decision needs the auditId of the verification');
  if (decision !== 'cancel' && decision !== 'override' && decision !== 'redact') {
    return refused('decision must be cancel, override or redact');
  }
  if (decision === 'override' && (typeof reason !== 'string' || reason.trim() === '')) {
    return refused('an override needs a reason');
  }
  if (policy.verifyServerUrl === '') return refused('no verify-server is configured');
  const payload = { audit_id: auditId, decision, reason: typeof reason === 'string' ? reason.slice(0, 2000) : '' };
  const answer = await callServer(policy, '/decisions', {
    method: 'POST',
    headers: serverHeaders(policy, { 'Content-Type': 'application/json' }),
    body: JSON.stringify(payload),
  });
  if (!answer.ok) return refused(answer.error);
  const body = /** @type {Record<string, unknown>} */ (answer.body);
  const recorded = body.recorded === true;
  const allowed = recorded && body.allowed === true;
  log.info('decision recorded', { decision, recorded, allowed });
  return { ok: true, allowed, recorded };
}

/**
 * @param {StoredPolicy} policy
 * @param {Record<string, string>} extra
 * @returns {Record<string, string>}
 */
function serverHeaders(policy, extra) {
  return policy.verifyServerToken ? { ...extra, Authorization: `Bearer ${policy.verifyServerToken}` } : extra;
}

/**
 * One request to the verify-server, bounded by the policy's hold timeout,
 * with every failure turned into a sentence a user or admin can act on.
 * @param {StoredPolicy} policy
 * @param {string} path
 * @param {RequestInit} init
 * @returns {Promise<{ok: true, body: unknown} | {ok: false, error: string}>}
 */
export async function callServer(policy, path, init) {
  const base = normalizeServerUrl(policy.verifyServerUrl);
  if (base === null) return { ok: false, error: 'no verify-server is configured' };
  const timeoutMs = policy.holdTimeoutMs;
  /** @type {Response} */
  let response;
  try {
    response = await fetch(`${base}${path}`, {
      ...init,
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    const error =
      name === 'TimeoutError'
        ? `the verify-server at ${base} did not answer within ${timeoutMs} ms`
        : `cannot reach the verify-server at ${base} (${err instanceof Error ? err.message : String(err)})`;
    log.warn('verify-server request failed', { path, error });
    return { ok: false, error };
  }
  /** @type {unknown} */
  let body = null;
  try {
    body = await response.json();
  } catch {
    // handled below: a success without JSON is as bad as an error
  }
  if (!response.ok) {
    const detail = serverErrorMessage(body);
    const error =
      response.status === 401 || response.status === 403
        ? `the verify-server refused the token (${response.status}); check verifyServerToken`
        : `the verify-server answered ${response.status}${detail ? `: ${detail}` : ''}`;
    log.warn('verify-server refused a request', { path, status: response.status });
    return { ok: false, error };
  }
  if (body === null || typeof body !== 'object') {
    return { ok: false, error: `the verify-server's answer to ${path} is not JSON` };
  }
  return { ok: true, body };
}

/**
 * The message of the server's `{"error": {"code", "message"}}` body.
 * @param {unknown} body
 */
function serverErrorMessage(body) {
  const error = /** @type {{error?: {message?: unknown}}} */ (body ?? {}).error;
  return typeof error?.message === 'string' ? error.message.slice(0, 300) : '';
}
