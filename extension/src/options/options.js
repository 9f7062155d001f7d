// The options page: the personal fallback for every policy key, saved to
// chrome.storage.local. Keys the admin sets in chrome.storage.managed win,
// so they are shown read-only here.

import { createLogger, followStoredLogLevel } from '../shared/logger.js';
import { DEFAULT_POLICY, POLICY_KEYS, checkValue, normalizeServerUrl } from '../shared/policy.js';
import init, { checkAllowlist, checkCustomRules } from '../../pkg/scanner_wasm.js';

/** @typedef {import('../shared/policy.js').PolicyKey} PolicyKey */
/** @typedef {import('../shared/policy.js').StoredPolicy} StoredPolicy */

const log = createLogger('options');

const CONNECTION_TIMEOUT_MS = 5_000;

/**
 * @param {string} id
 * @returns {HTMLElement}
 */
function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`options page is missing #${id}`);
  return element;
}

/**
 * The form control for a key.
 * @param {PolicyKey} key
 * @returns {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement}
 */
function control(key) {
  return /** @type {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} */ (byId(key));
}

/**
 * Puts a stored value into its control.
 * @param {PolicyKey} key
 * @param {unknown} value
 */
function show(key, value) {
  const input = control(key);
  if (key === 'protectedSites') input.value = Array.isArray(value) ? value.join('\n') : '';
  else if (key === 'allowRedact' || key === 'inlineAllow')
    /** @type {HTMLInputElement} */ (input).checked = value === true;
  else if (key === 'verifyServerToken') input.value = typeof value === 'string' ? value : '';
  else input.value = value === undefined || value === null ? '' : String(value);
}

/**
 * Reads a control back into the value that would be stored.
 * @param {PolicyKey} key
 * @returns {unknown}
 */
function read(key) {
  const input = control(key);
  if (key === 'protectedSites') {
    return input.value
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  }
  if (key === 'allowRedact' || key === 'inlineAllow') return /** @type {HTMLInputElement} */ (input).checked;
  if (key === 'holdTimeoutMs') return input.value === '' ? DEFAULT_POLICY.holdTimeoutMs : Number(input.value);
  return input.value;
}

/**
 * @param {HTMLElement} output
 * @param {string} text
 * @param {'ok' | 'error' | ''} kind
 */
function status(output, text, kind) {
  output.textContent = text;
  output.className = kind;
}

/** @type {Set<PolicyKey>} */
const locked = new Set();

/** Fills the form: managed values (locked), else the user's, else defaults. */
async function load() {
  /** @type {[Record<string, unknown>, Record<string, unknown>]} */
  const [managed, local] = await Promise.all([
    chrome.storage.managed.get(null).catch(() => ({})),
    chrome.storage.local.get([...POLICY_KEYS]),
  ]);
  locked.clear();
  for (const key of POLICY_KEYS) {
    // The admin's protected sites are shown apart; the user's list adds to them.
    const isLocked =
      key !== 'protectedSites' && Object.hasOwn(managed, key) && checkValue(key, managed[key]).value !== undefined;
    if (isLocked) locked.add(key);
    const value = isLocked ? managed[key] : Object.hasOwn(local, key) ? local[key] : DEFAULT_POLICY[key];
    // An admin's token stays the admin's: the page shows that one is set, never its value.
    show(key, isLocked && key === 'verifyServerToken' ? '' : value);
    if (isLocked && key === 'verifyServerToken') {
      /** @type {HTMLInputElement} */ (control(key)).placeholder = '(set by your administrator)';
    }
    control(key).disabled = isLocked;
    const field = control(key).closest('.field');
    field?.classList.toggle('locked', isLocked);
  }
  const adminSites = checkValue('protectedSites', managed.protectedSites).value;
  const list = Array.isArray(adminSites) ? adminSites : [];
  byId('adminSites').textContent =
    list.length > 0 ? `Also protected, set by your administrator: ${list.join(', ')}` : '';
}

/** Saves every key the admin does not set; refuses the save when a value is unusable. */
async function save() {
  const output = byId('saveStatus');
  /** @type {Record<string, unknown>} */
  const values = {};
  /** @type {string[]} */
  const problems = [];
  for (const key of POLICY_KEYS) {
    if (locked.has(key)) continue;
    const checked = checkValue(key, read(key));
    if (checked.problem) problems.push(`${key}: ${checked.problem}`);
    if (checked.value === undefined) continue;
    values[key] = checked.value;
  }
  problems.push(...(await engineProblems(values)));
  const unusable = POLICY_KEYS.filter((key) => !locked.has(key) && !(key in values));
  if (unusable.length > 0) {
    status(output, `Not saved. ${problems.join('; ')}`, 'error');
    return;
  }
  await chrome.storage.local.set(values);
  for (const key of POLICY_KEYS) if (key in values) show(key, values[key]);
  status(output, problems.length > 0 ? `Saved. Note: ${problems.join('; ')}` : 'Saved.', 'ok');
  log.info('options saved', { keys: Object.keys(values) });
}

/** @type {Promise<unknown> | null} */
let engine = null;

/**
 * Custom rules and allowlist checked by the engine itself, the way scans
 * will load them; an unusable one is dropped from `values` so nothing is
 * saved. The engine's messages name the rule, example index or line, never
 * an example's text.
 * @param {Record<string, unknown>} values
 * @returns {Promise<string[]>}
 */
async function engineProblems(values) {
  /** @type {string[]} */
  const problems = [];
  const rules = typeof values.customRules === 'string' ? values.customRules : '';
  const allowlist = typeof values.allowlist === 'string' ? values.allowlist : '';
  if (rules.trim() === '' && allowlist.trim() === '') return problems;
  engine ??= init();
  await engine;
  if (rules.trim() !== '') {
    try {
      checkCustomRules(rules);
    } catch (err) {
      problems.push(`customRules: ${err instanceof Error ? err.message : String(err)}`);
      delete values.customRules;
    }
  }
  if (allowlist.trim() !== '') {
    try {
      checkAllowlist(allowlist);
    } catch (err) {
      problems.push(`allowlist: ${err instanceof Error ? err.message : String(err)}`);
      delete values.allowlist;
    }
  }
  return problems;
}

/** Calls the verify-server's /healthz with the URL in the form (or the admin's). */
async function testConnection() {
  const output = byId('connectionStatus');
  const url = normalizeServerUrl(String(read('verifyServerUrl')));
  if (url === null) {
    status(output, 'Enter an http:// or https:// URL first.', 'error');
    return;
  }
  status(output, 'Testing…', '');
  try {
    const response = await fetch(`${url}/healthz`, {
      cache: 'no-store',
      credentials: 'omit',
      signal: AbortSignal.timeout(CONNECTION_TIMEOUT_MS),
    });
    if (response.ok) status(output, `Reachable: ${url} answered ${response.status}.`, 'ok');
    else status(output, `${url}/healthz answered ${response.status}; is this a nospill verify-server?`, 'error');
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    const detail = timedOut ? `no answer within ${CONNECTION_TIMEOUT_MS} ms` : String(err);
    status(output, `Cannot reach ${url}: ${detail}.`, 'error');
  }
}

function main() {
  void followStoredLogLevel();
  const manifest = chrome.runtime.getManifest();
  byId('about').textContent = `nospill ${manifest.version} · extension id ${chrome.runtime.id}`;
  byId('options').addEventListener('submit', (event) => {
    event.preventDefault();
    void save().catch((err) => status(byId('saveStatus'), `Not saved: ${String(err)}`, 'error'));
  });
  byId('testConnection').addEventListener('click', () => void testConnection());
  chrome.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void load();
  });
  void load().catch((err) => {
    log.error('options could not be loaded', { error: err });
    status(byId('saveStatus'), `Could not load the settings: ${String(err)}`, 'error');
  });
}

main();
