// The scanner's dedicated Web Worker: runs scanner-wasm off every page's main
// thread. Started (and replaced when it overruns or crashes) by host.js; it
// only ever talks to that frame.
//
// host → worker  {type: 'init', module}                 compiled once by the host
//                {type: 'scan', id, name, buffer, timeBudgetMs, options}
// worker → host  {type: 'ready', reportVersion, ruleCount} | {type: 'init-failed', message}
//                {type: 'result', id, ok, report?, error?}

import init, { reportVersion, ruleCount, scan } from '../../pkg/scanner_wasm.js';

/** @typedef {import('../shared/protocol.js').Report} Report */

/**
 * @typedef {object} WorkerScan
 * @property {'scan'} type
 * @property {number} id
 * @property {string} name
 * @property {ArrayBuffer} buffer
 * @property {number} timeBudgetMs  soft budget: past it the engine stops and reports what it read
 * @property {import('../shared/policy.js').ScanPolicy} [options]  custom rules, allowlist, verdict policy
 */

/** @type {Promise<void> | null} */
let ready = null;

/**
 * @param {WebAssembly.Module | undefined} module
 * @returns {Promise<void>}
 */
async function start(module) {
  try {
    // A precompiled module from the host makes a replacement worker cheap;
    // without one wasm-bindgen fetches and compiles the file itself.
    await init(module ? { module_or_path: module } : undefined);
    self.postMessage({ type: 'ready', reportVersion: reportVersion(), ruleCount: ruleCount() });
  } catch (err) {
    self.postMessage({ type: 'init-failed', message: describe(err) });
    throw err;
  }
}

/** @param {WorkerScan} request */
async function runScan(request) {
  if (!ready) ready = start(undefined);
  try {
    await ready;
  } catch (err) {
    reply(request.id, { ok: false, error: { kind: 'crash', message: `scanner failed to start: ${describe(err)}` } });
    return;
  }
  try {
    // scanner-wasm compiles custom rules once per distinct text and refuses
    // unknown options, so only the policy's known keys are passed on.
    const options = { ...request.options, limits: { time_budget_ms: request.timeBudgetMs } };
    const report = /** @type {Report} */ (scan(new Uint8Array(request.buffer), request.name, options));
    reply(request.id, { ok: true, report });
  } catch (err) {
    // A trap (panic, out of memory) leaves the WebAssembly instance in an
    // unknown state: the host replaces this worker. A thrown Error is the
    // engine refusing the input (too large, unreadable) and is an answer.
    const kind = err instanceof WebAssembly.RuntimeError ? 'crash' : 'error';
    reply(request.id, { ok: false, error: { kind, message: describe(err) } });
  }
}

/**
 * @param {number} id
 * @param {{ok: boolean, report?: Report, error?: {kind: string, message: string}}} result
 */
function reply(id, result) {
  self.postMessage({ type: 'result', id, ...result });
}

/** @param {unknown} err */
function describe(err) {
  return err instanceof Error ? err.message : String(err);
}

self.onmessage = (event) => {
  const message = event.data;
  if (message?.type === 'init') {
    if (!ready) ready = start(message.module instanceof WebAssembly.Module ? message.module : undefined);
    ready.catch(() => {});
  } else if (message?.type === 'scan') {
    void runScan(/** @type {WorkerScan} */ (message));
  }
};
