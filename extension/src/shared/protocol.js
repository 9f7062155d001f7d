// The messages nospill's parts exchange. One place, so every role agrees.
//
//   content script ──chrome.runtime──► service worker ──HTTPS──► verify-server
//   content script ──MessagePort────► scanner host frame ──► Web Worker (WASM)
//   page-world hook ──window events─► content script
//
// Files travel as transferable ArrayBuffers, never base64. chrome.runtime
// messages use structured cloning ("message_serialization": "structured_clone"
// in the manifest) and are cut into chunks below the 64 MiB message limit.

/** Largest chunk of file bytes in one chrome.runtime message. */
export const RUNTIME_CHUNK_BYTES = 16 * 1024 * 1024;

/** Message types, namespaced so nothing else on the page can collide. */
export const MSG = Object.freeze({
  // content script → service worker
  POLICY: 'nospill/policy',
  VERIFY_BEGIN: 'nospill/verify-begin',
  VERIFY_CHUNK: 'nospill/verify-chunk',
  VERIFY_END: 'nospill/verify-end',
  DECISION: 'nospill/decision',
  // content script ↔ scanner host frame (over a MessagePort)
  HOST_CONNECT: 'nospill/host-connect',
  SCAN: 'nospill/scan',
  SCAN_RESULT: 'nospill/scan-result',
  // page-world hook ↔ content script (window CustomEvents)
  PAGE_PICKER: 'nospill/page-picker',
});

/**
 * @typedef {'block' | 'warn' | 'audit'} Mode
 *   block: findings stop the upload; warn: the user may go on with a reason;
 *   audit: uploads go through and are only recorded.
 * @typedef {'closed' | 'open'} FailMode
 *   What happens when a scan cannot finish in time or crashes.
 * @typedef {'never' | 'findings' | 'always'} VerifyWhen
 *   When the service worker sends the file to the verify-server.
 */

/**
 * Effective policy for one page, as the service worker answers MSG.POLICY.
 * @typedef {object} Policy
 * @property {boolean} protected    whether nospill guards this page at all
 * @property {Mode} mode
 * @property {FailMode} failMode
 * @property {number} holdTimeoutMs  longest an upload is held before failMode applies
 * @property {VerifyWhen} verify
 * @property {boolean} serverConfigured  a verify-server URL is set
 * @property {boolean} allowRedact   whether "Redact and continue" is offered
 */

/**
 * @typedef {object} PolicyRequest
 * @property {typeof MSG.POLICY} type
 * @property {string} url  the page's URL
 */

/**
 * Start of a file sent to the service worker for the verify-server.
 * @typedef {object} VerifyBegin
 * @property {typeof MSG.VERIFY_BEGIN} type
 * @property {string} transferId  random id tying the chunks together
 * @property {string} name
 * @property {number} size
 * @property {string} site  the page's host
 * @property {Mode} mode
 */

/**
 * @typedef {object} VerifyChunk
 * @property {typeof MSG.VERIFY_CHUNK} type
 * @property {string} transferId
 * @property {number} index
 * @property {ArrayBuffer} data  at most RUNTIME_CHUNK_BYTES
 */

/**
 * Last message of a transfer; the answer is a VerifyResult.
 * @typedef {object} VerifyEnd
 * @property {typeof MSG.VERIFY_END} type
 * @property {string} transferId
 * @property {string} sha256  hex digest of all chunks, checked by the receiver
 */

/**
 * @typedef {object} VerifyResult
 * @property {boolean} ok
 * @property {Report} [report]   the server's report (authoritative)
 * @property {string} [auditId]  the server's audit record for this file
 * @property {string} [error]    why verification failed
 */

/**
 * What the user chose in the dialog, recorded by the server before an
 * override may go through.
 * @typedef {object} DecisionRequest
 * @property {typeof MSG.DECISION} type
 * @property {string} auditId
 * @property {'cancel' | 'override' | 'redact'} decision
 * @property {string} [reason]  required for 'override'
 */

/**
 * @typedef {object} DecisionResult
 * @property {boolean} ok        the server answered
 * @property {boolean} allowed   the server agrees the upload may go on
 * @property {boolean} recorded  the server stored the decision
 * @property {string} [error]
 */

/**
 * Content script → scanner host frame, once, with window.postMessage on the
 * frame's window and a MessagePort transferred in `ports`. The frame accepts
 * it only from its parent window and only once. If the frame's URL carries
 * `#<nonce>` (src/scanner/host.html#<nonce>), the message must carry the same
 * nonce: the page can post to the frame but cannot read its URL.
 * @typedef {object} HostConnect
 * @property {typeof MSG.HOST_CONNECT} type
 * @property {string} [nonce]
 */

/**
 * Content script → scanner host frame.
 * @typedef {object} ScanRequest
 * @property {typeof MSG.SCAN} type
 * @property {number} id
 * @property {string} name
 * @property {ArrayBuffer} buffer  transferred, not copied
 * @property {number} timeoutMs    the worker is replaced when it takes longer
 */

/**
 * Scanner host frame → content script.
 * @typedef {object} ScanResult
 * @property {typeof MSG.SCAN_RESULT} type
 * @property {number} id
 * @property {boolean} ok
 * @property {Report} [report]
 * @property {{kind: 'timeout' | 'crash' | 'error', message: string}} [error]
 * @property {boolean} [cached]  the report came from this page's cache (same SHA-256 and name)
 */

/**
 * The report contract shared with scanner-core (see its report.rs).
 * @typedef {object} Report
 * @property {number} version
 * @property {{name: string, size: number, sha256: string, kind: string}} file
 * @property {'allow' | 'warn' | 'block'} verdict
 * @property {Finding[]} findings
 * @property {{part: string, code: string, message: string}[]} warnings
 * @property {{parts: number, bytes_scanned: number, elapsed_ms: number, suppressed?: number}} stats
 *   suppressed: findings let through by `nospill:allow` or the allowlist (counted, never listed)
 */

/**
 * @typedef {object} Finding
 * @property {string} rule
 * @property {string} rule_name
 * @property {'secret' | 'pii'} category
 * @property {'low' | 'medium' | 'high' | 'critical'} severity
 * @property {'low' | 'medium' | 'high'} confidence
 * @property {boolean} validated
 * @property {{part: string, page?: number, line?: number, column?: number, length?: number}} location
 *   line, column and length (in characters) locate the secret in a text part,
 *   so a copy can be redacted without the report ever holding the secret
 * @property {string} [decoded]  how the secret was encoded (`base64`, `percent+escape`, …)
 *   when it was not visible as plain text; `location` then spans the encoded form
 * @property {string} [paired_with]  rule id of the other half merged into this finding
 * @property {{part: string, page?: number, line?: number, column?: number, length?: number}} [paired_location]
 *   where that other half is, so redaction removes both
 * @property {string} preview
 * @property {string} fingerprint
 */
