// Policy keys, their defaults and how raw values become a valid policy.
// Pure functions: the service worker merges storage areas with them, the
// options page validates input with them, and unit tests run them in Node.
//
// The same keys appear in managed_schema.json (admin policy) and in
// chrome.storage.local (the options page, the personal fallback).

import { isLogLevel } from './logger.js';

/** @typedef {import('./protocol.js').Mode} Mode */
/** @typedef {import('./protocol.js').FailMode} FailMode */
/** @typedef {import('./protocol.js').VerifyWhen} VerifyWhen */
/** @typedef {import('./logger.js').LogLevel} LogLevel */

/**
 * The policy as stored: what an admin or the options page can set.
 * @typedef {object} StoredPolicy
 * @property {string[]} protectedSites  origins or match patterns beyond the built-in sites
 * @property {Mode} mode
 * @property {FailMode} failMode
 * @property {number} holdTimeoutMs
 * @property {string} verifyServerUrl   '' when there is none
 * @property {string} verifyServerToken
 * @property {VerifyWhen} verify
 * @property {boolean} allowRedact
 * @property {LogLevel} logLevel
 * @property {string} customRules  TOML rule files added to the built-in rules ('' for none)
 * @property {string} allowlist    TOML allowlist: fingerprints, paths, patterns, rules ('' for none)
 * @property {string} blockAt      least `severity/confidence` of a finding that blocks
 * @property {string} warnAt       least `severity/confidence` of a finding that warns
 * @property {boolean} inlineAllow whether `nospill:allow` in a file allows its line's findings
 */

/** @typedef {keyof StoredPolicy} PolicyKey */

/** @type {Readonly<StoredPolicy>} */
export const DEFAULT_POLICY = Object.freeze({
  protectedSites: [],
  mode: 'block',
  failMode: 'closed',
  holdTimeoutMs: 30_000,
  verifyServerUrl: '',
  verifyServerToken: '',
  verify: 'findings',
  allowRedact: true,
  logLevel: 'warn',
  customRules: '',
  allowlist: '',
  blockAt: 'high/medium',
  warnAt: 'medium/low',
  inlineAllow: true,
});

/** @type {readonly PolicyKey[]} */
export const POLICY_KEYS = /** @type {PolicyKey[]} */ (Object.keys(DEFAULT_POLICY));

export const MODES = Object.freeze(/** @type {const} */ (['block', 'warn', 'audit']));
export const FAIL_MODES = Object.freeze(/** @type {const} */ (['closed', 'open']));
export const VERIFY_WHEN = Object.freeze(/** @type {const} */ (['never', 'findings', 'always']));

/** Bounds for holdTimeoutMs: long enough for a large PDF, short enough that a page never hangs. */
export const HOLD_TIMEOUT_MIN_MS = 1_000;
export const HOLD_TIMEOUT_MAX_MS = 300_000;

/** Longest customRules or allowlist text accepted (TOML, UTF-16 code units). */
export const MAX_POLICY_TEXT = 256 * 1024;

/** `severity/confidence`, as the engine's verdict policy reads it. */
const THRESHOLD = /^(low|medium|high|critical)\/(low|medium|high)$/;

/** Most admin/user sites honoured; more is almost certainly a mistake. */
export const MAX_PROTECTED_SITES = 500;

/**
 * Match patterns of the built-in AI chat sites. manifest.json lists the same
 * patterns for its static content scripts; a unit test keeps them equal.
 */
export const BUILTIN_MATCHES = Object.freeze([
  'https://chatgpt.com/*',
  'https://*.chatgpt.com/*',
  'https://chat.openai.com/*',
  'https://claude.ai/*',
  'https://*.claude.ai/*',
  'https://gemini.google.com/*',
  'https://copilot.microsoft.com/*',
  'https://perplexity.ai/*',
  'https://*.perplexity.ai/*',
  'https://chat.deepseek.com/*',
  'https://chat.mistral.ai/*',
  'https://poe.com/*',
  'https://*.poe.com/*',
  'https://grok.com/*',
  'https://*.grok.com/*',
]);

/**
 * @param {string} key
 * @returns {key is PolicyKey}
 */
export function isPolicyKey(key) {
  return Object.hasOwn(DEFAULT_POLICY, key);
}

/**
 * Checks one stored value. Returns the value to use, or undefined with a
 * reason when it is unusable (the caller then falls back to the next source).
 * @param {PolicyKey} key
 * @param {unknown} value
 * @returns {{value?: StoredPolicy[PolicyKey], problem?: string}}
 */
export function checkValue(key, value) {
  switch (key) {
    case 'protectedSites': {
      if (!Array.isArray(value)) return { problem: 'must be a list of origins or match patterns' };
      /** @type {string[]} */
      const sites = [];
      /** @type {string[]} */
      const bad = [];
      for (const entry of value.slice(0, MAX_PROTECTED_SITES)) {
        const pattern = typeof entry === 'string' ? toMatchPattern(entry) : null;
        if (pattern === null) bad.push(String(entry));
        else if (!sites.includes(pattern)) sites.push(pattern);
      }
      const problem =
        bad.length > 0 ? `ignored entries that are not origins or match patterns: ${bad.join(', ')}` : undefined;
      return { value: sites, problem };
    }
    case 'mode':
      return oneOf(MODES, value);
    case 'failMode':
      return oneOf(FAIL_MODES, value);
    case 'verify':
      return oneOf(VERIFY_WHEN, value);
    case 'logLevel':
      return isLogLevel(value) ? { value } : { problem: 'must be one of error, warn, info, debug' };
    case 'holdTimeoutMs':
      if (typeof value !== 'number' || !Number.isFinite(value)) return { problem: 'must be a number of milliseconds' };
      return { value: Math.round(Math.min(HOLD_TIMEOUT_MAX_MS, Math.max(HOLD_TIMEOUT_MIN_MS, value))) };
    case 'verifyServerUrl': {
      if (typeof value !== 'string') return { problem: 'must be a URL' };
      if (value.trim() === '') return { value: '' };
      const url = normalizeServerUrl(value);
      return url === null ? { problem: 'must be an http:// or https:// URL' } : { value: url };
    }
    case 'verifyServerToken':
      return typeof value === 'string' ? { value: value.trim() } : { problem: 'must be a string' };
    case 'allowRedact':
    case 'inlineAllow':
      return typeof value === 'boolean' ? { value } : { problem: 'must be true or false' };
    case 'customRules':
    case 'allowlist':
      if (typeof value !== 'string') return { problem: 'must be TOML text' };
      if (value.length > MAX_POLICY_TEXT) return { problem: `must be at most ${MAX_POLICY_TEXT} characters` };
      return { value };
    case 'blockAt':
    case 'warnAt': {
      const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
      return THRESHOLD.test(text)
        ? { value: text }
        : { problem: 'must be severity/confidence, e.g. high/medium (severity low…critical, confidence low…high)' };
    }
  }
  return { problem: 'unknown key' };
}

/**
 * @template {string} T
 * @param {readonly T[]} allowed
 * @param {unknown} value
 * @returns {{value?: T, problem?: string}}
 */
function oneOf(allowed, value) {
  return typeof value === 'string' && /** @type {readonly string[]} */ (allowed).includes(value)
    ? { value: /** @type {T} */ (value) }
    : { problem: `must be one of ${allowed.join(', ')}` };
}

/**
 * @typedef {object} EffectivePolicy
 * @property {StoredPolicy} policy
 * @property {Partial<Record<PolicyKey, 'managed' | 'local' | 'default'>>} source  where each value came from
 * @property {string[]} problems  human-readable notes on values that were ignored
 */

/**
 * Effective policy: per key, managed (admin) over local (options page) over
 * the defaults. A value that fails its check is skipped, so an admin typo
 * falls back to the user's setting or the default instead of breaking
 * protection. protectedSites is the exception: the user's sites are added to
 * the admin's, since protecting more can only help and the admin's list
 * cannot be shortened.
 * @param {Record<string, unknown>} managed
 * @param {Record<string, unknown>} local
 * @returns {EffectivePolicy}
 */
export function mergePolicy(managed, local) {
  const policy = /** @type {StoredPolicy} */ ({ ...DEFAULT_POLICY, protectedSites: [] });
  /** @type {EffectivePolicy['source']} */
  const source = {};
  /** @type {string[]} */
  const problems = [];
  for (const key of POLICY_KEYS) {
    source[key] = 'default';
    for (const [area, values] of /** @type {const} */ ([
      ['managed', managed],
      ['local', local],
    ])) {
      if (!Object.hasOwn(values, key) || values[key] === undefined) continue;
      const checked = checkValue(key, values[key]);
      if (checked.problem) problems.push(`${area} ${key}: ${checked.problem}`);
      if (checked.value === undefined) continue;
      if (key === 'protectedSites' && source[key] === 'managed') {
        const sites = /** @type {string[]} */ (checked.value).filter((site) => !policy.protectedSites.includes(site));
        policy.protectedSites = [...policy.protectedSites, ...sites].slice(0, MAX_PROTECTED_SITES);
        break;
      }
      /** @type {Record<string, unknown>} */ (policy)[key] = checked.value;
      source[key] = area;
      if (key !== 'protectedSites') break;
    }
  }
  return { policy, source, problems };
}

/**
 * The scan options the policy gives scanner-wasm's `scan`.
 * @param {StoredPolicy} policy
 * @returns {ScanPolicy}
 */
export function scanOptionsFor(policy) {
  /** @type {ScanPolicy} */
  const options = {
    verdictPolicy: { block: policy.blockAt, warn: policy.warnAt },
    ignoreInlineAllow: !policy.inlineAllow,
  };
  if (policy.customRules.trim() !== '') options.customRules = policy.customRules;
  if (policy.allowlist.trim() !== '') options.allowlist = policy.allowlist;
  return options;
}

/**
 * @typedef {object} ScanPolicy
 * @property {string} [customRules]
 * @property {string} [allowlist]
 * @property {{block: string, warn: string}} verdictPolicy
 * @property {boolean} ignoreInlineAllow
 */

/**
 * Turns an origin, host or match pattern into a Chrome match pattern, or
 * null when it is none of these.
 *   https://example.com         → https://example.com/*
 *   http://127.0.0.1:8123/      → http://127.0.0.1:8123/*
 *   example.com                 → *://example.com/*
 *   *://*.example.com/chat/*    → unchanged
 * @param {string} entry
 * @returns {string | null}
 */
export function toMatchPattern(entry) {
  const text = entry.trim();
  if (text === '<all_urls>') return text;
  const withScheme = text.includes('://') ? text : `*://${text}`;
  const parts = /^(\*|https?):\/\/([^/]+)(\/.*)?$/i.exec(withScheme);
  if (!parts) return null;
  const scheme = parts[1].toLowerCase();
  const authority = parts[2].toLowerCase();
  const path = parts[3] === undefined || parts[3] === '/' ? '/*' : parts[3];
  if (!isPatternAuthority(authority)) return null;
  return `${scheme}://${authority}${path}`;
}

/**
 * Host (with optional port) as Chrome match patterns accept it: `*`,
 * `*.domain`, a domain, an IPv4 address or a bracketed IPv6 address.
 * @param {string} authority
 */
function isPatternAuthority(authority) {
  const parts = /^(\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?$/.exec(authority);
  if (!parts) return false;
  return parts[2] === undefined || parts[2] === '*' || Number(parts[2]) <= 65535;
}

/**
 * Whether `url` matches a Chrome match pattern. Mirrors Chrome's rules:
 * `*` scheme means http or https, `*.host` covers the host and its
 * subdomains, a pattern without a port matches every port.
 * @param {string} pattern
 * @param {string | URL} url
 */
export function matchesPattern(pattern, url) {
  /** @type {URL} */
  let parsed;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  const scheme = parsed.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return false;
  if (pattern === '<all_urls>') return true;
  const parts = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!parts) return false;
  const [, patternScheme, authority, path] = parts;
  if (patternScheme !== '*' && patternScheme !== scheme) return false;
  const hostPort = /^(.*?)(?::(\d+|\*))?$/.exec(authority);
  if (!hostPort) return false;
  const [, host, port] = hostPort;
  if (port !== undefined && port !== '*') {
    const actualPort = parsed.port || (scheme === 'https' ? '443' : '80');
    if (port !== actualPort) return false;
  }
  const actualHost = parsed.hostname.toLowerCase();
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2);
      if (actualHost !== base && !actualHost.endsWith(`.${base}`)) return false;
    } else if (host !== actualHost) {
      return false;
    }
  }
  return globMatches(path, parsed.pathname + parsed.search);
}

/**
 * Chrome's path glob: `*` matches any run of characters, everything else is literal.
 * @param {string} glob
 * @param {string} text
 */
function globMatches(glob, text) {
  const source = glob
    .split('*')
    .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(text);
}

/**
 * Whether nospill guards `url`: a built-in site or one from the policy.
 * @param {string | undefined} url
 * @param {readonly string[]} protectedSites  match patterns (already normalised)
 */
export function isProtectedUrl(url, protectedSites) {
  if (!url) return false;
  return BUILTIN_MATCHES.some((p) => matchesPattern(p, url)) || protectedSites.some((p) => matchesPattern(p, url));
}

/**
 * The verify-server base URL without a trailing slash, or null when it is
 * not an http(s) URL. Paths are kept so a server behind a prefix works.
 * @param {string} text
 * @returns {string | null}
 */
export function normalizeServerUrl(text) {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password) return null;
    url.search = '';
    url.hash = '';
    return url.href.replace(/\/+$/, '');
  } catch {
    return null;
  }
}
