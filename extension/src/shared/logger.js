// A small leveled logger, the only place in the extension that calls
// console.*. Every role imports it, so one switch (the `logLevel` policy key)
// quiets or opens up the whole extension, and one place makes sure nothing
// that could be a secret or file content ever reaches the console.

/** @typedef {'error' | 'warn' | 'info' | 'debug'} LogLevel */

/** @type {readonly LogLevel[]} */
export const LOG_LEVELS = Object.freeze(['error', 'warn', 'info', 'debug']);

/** @type {LogLevel} */
export const DEFAULT_LOG_LEVEL = 'warn';

/**
 * Field names whose values are never printed, whatever they hold. File names
 * are among them: a secret can hide in a name too.
 */
const SECRET_FIELD =
  /token|secret|password|passwd|authorization|cookie|key$|bytes|buffer|data|content|text|body|preview|name$/i;

/** Field names holding URLs: only the origin is printed (queries carry tokens). */
const URL_FIELD = /url$/i;

/** Longest string printed as a field value; longer ones are cut. */
const MAX_STRING = 200;

/** @type {LogLevel} */
let currentLevel = DEFAULT_LOG_LEVEL;

/**
 * @param {unknown} value
 * @returns {value is LogLevel}
 */
export function isLogLevel(value) {
  return typeof value === 'string' && /** @type {readonly string[]} */ (LOG_LEVELS).includes(value);
}

/**
 * Sets the level for every logger in this context; unknown values are ignored.
 * @param {unknown} level
 */
export function setLogLevel(level) {
  if (isLogLevel(level)) currentLevel = level;
}

/** @returns {LogLevel} */
export function getLogLevel() {
  return currentLevel;
}

/**
 * Follows the `logLevel` policy key: managed storage wins over local storage.
 * For extension contexts that can read chrome.storage (service worker,
 * options page, scanner host frame, content scripts).
 * @returns {Promise<void>}
 */
export async function followStoredLogLevel() {
  if (typeof chrome === 'undefined' || !chrome.storage) return;
  const read = async () => {
    /** @type {[Record<string, unknown>, Record<string, unknown>]} */
    const [managed, local] = await Promise.all([
      chrome.storage.managed.get('logLevel').catch(() => ({})),
      chrome.storage.local.get('logLevel').catch(() => ({})),
    ]);
    if (isLogLevel(managed.logLevel)) currentLevel = managed.logLevel;
    else if (isLogLevel(local.logLevel)) currentLevel = local.logLevel;
    else currentLevel = DEFAULT_LOG_LEVEL;
  };
  chrome.storage.onChanged.addListener((changes, area) => {
    if ((area === 'managed' || area === 'local') && 'logLevel' in changes) void read();
  });
  await read();
}

/**
 * Makes a value safe to print: binary data and blobs become their size,
 * fields with secret-like names are withheld, long strings are cut.
 * @param {unknown} value
 * @param {number} depth
 * @returns {unknown}
 */
export function sanitize(value, depth = 0) {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') {
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… (${value.length} chars)` : value;
  }
  if (typeof value !== 'object') return value;
  if (value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (typeof Blob !== 'undefined' && value instanceof Blob) return `[blob, ${value.size} bytes]`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (depth >= 3) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => sanitize(item, depth + 1));
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, field] of Object.entries(value)) {
    if (SECRET_FIELD.test(key)) out[key] = '[withheld]';
    else if (URL_FIELD.test(key) && typeof field === 'string') out[key] = originOf(field);
    else out[key] = sanitize(field, depth + 1);
  }
  return out;
}

/**
 * @param {string} url
 * @returns {string}
 */
function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return '[not a URL]';
  }
}

/**
 * @typedef {object} Logger
 * @property {(message: string, fields?: Record<string, unknown>) => void} error
 * @property {(message: string, fields?: Record<string, unknown>) => void} warn
 * @property {(message: string, fields?: Record<string, unknown>) => void} info
 * @property {(message: string, fields?: Record<string, unknown>) => void} debug
 */

/**
 * A logger whose lines start with `nospill/<scope>`. Messages are fixed
 * strings; anything variable goes in `fields`, which are sanitized.
 * @param {string} scope  e.g. 'background', 'host'
 * @returns {Logger}
 */
export function createLogger(scope) {
  const prefix = `nospill/${scope}:`;
  /**
   * @param {LogLevel} level
   * @returns {(message: string, fields?: Record<string, unknown>) => void}
   */
  const at = (level) => (message, fields) => {
    if (LOG_LEVELS.indexOf(level) > LOG_LEVELS.indexOf(currentLevel)) return;
    const args = fields === undefined ? [prefix, message] : [prefix, message, sanitize(fields)];
    /* eslint-disable no-console -- the one place allowed to print */
    if (level === 'error') console.error(...args);
    else if (level === 'warn') console.warn(...args);
    else if (level === 'info') console.info(...args);
    else console.debug(...args);
    /* eslint-enable no-console */
  };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
