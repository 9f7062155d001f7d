// Unit tests of the pure policy functions (node --test). The browser-level
// behaviour (managed storage, registration, injection) is covered by the
// end-to-end tests in www-tests/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

import {
  BUILTIN_MATCHES,
  DEFAULT_POLICY,
  POLICY_KEYS,
  isProtectedUrl,
  matchesPattern,
  mergePolicy,
  normalizeServerUrl,
  scanOptionsFor,
  toMatchPattern,
} from '../src/shared/policy.js';

const manifest = JSON.parse(fs.readFileSync(new URL('../manifest.json', import.meta.url), 'utf8'));
const schema = JSON.parse(fs.readFileSync(new URL('../managed_schema.json', import.meta.url), 'utf8'));

test('the manifest covers exactly the built-in sites, in both worlds', () => {
  const worlds = manifest.content_scripts.map((/** @type {any} */ script) => script.world ?? 'ISOLATED').sort();
  assert.deepEqual(worlds, ['ISOLATED', 'MAIN']);
  for (const script of manifest.content_scripts) {
    assert.deepEqual([...script.matches].sort(), [...BUILTIN_MATCHES].sort());
    assert.equal(script.run_at, 'document_start');
    assert.equal(script.all_frames, true);
  }
});

test('the managed schema declares every policy key and nothing else', () => {
  assert.deepEqual(Object.keys(schema.properties).sort(), [...POLICY_KEYS].sort());
  assert.equal(manifest.storage.managed_schema, 'managed_schema.json');
});

test('origins, hosts and patterns become match patterns', () => {
  assert.equal(toMatchPattern('https://chat.example.com'), 'https://chat.example.com/*');
  assert.equal(toMatchPattern('http://127.0.0.1:8123/'), 'http://127.0.0.1:8123/*');
  assert.equal(toMatchPattern(' Chat.Example.com '), '*://chat.example.com/*');
  assert.equal(toMatchPattern('localhost:3000'), '*://localhost:3000/*');
  assert.equal(toMatchPattern('*://*.example.org/chat/*'), '*://*.example.org/chat/*');
  assert.equal(toMatchPattern('https://example.com/app'), 'https://example.com/app');
  assert.equal(toMatchPattern('http://[::1]:8080'), 'http://[::1]:8080/*');
  assert.equal(toMatchPattern('<all_urls>'), '<all_urls>');
});

test('anything else is refused', () => {
  for (const bad of [
    '',
    'ftp://example.com',
    'file:///etc',
    'https://',
    'https://exa mple.com',
    'https://a.*.com/*',
    'http://host:99999/',
    'javascript:alert(1)',
  ]) {
    assert.equal(toMatchPattern(bad), null, bad);
  }
});

test('pattern matching follows Chrome: schemes, subdomains, ports, paths', () => {
  assert.ok(matchesPattern('https://chatgpt.com/*', 'https://chatgpt.com/c/123?x=1'));
  assert.ok(!matchesPattern('https://chatgpt.com/*', 'http://chatgpt.com/'));
  assert.ok(!matchesPattern('https://chatgpt.com/*', 'https://evilchatgpt.com/'));
  assert.ok(matchesPattern('https://*.claude.ai/*', 'https://claude.ai/new'));
  assert.ok(matchesPattern('https://*.claude.ai/*', 'https://www.claude.ai/new'));
  assert.ok(!matchesPattern('https://*.claude.ai/*', 'https://claude.ai.evil.com/'));
  assert.ok(matchesPattern('*://127.0.0.1/*', 'http://127.0.0.1:4000/x'), 'no port in the pattern: any port');
  assert.ok(matchesPattern('http://127.0.0.1:4000/*', 'http://127.0.0.1:4000/'));
  assert.ok(!matchesPattern('http://127.0.0.1:4000/*', 'http://127.0.0.1:4001/'));
  assert.ok(matchesPattern('https://example.com:443/*', 'https://example.com/'));
  assert.ok(matchesPattern('https://example.com/chat/*', 'https://example.com/chat/1'));
  assert.ok(!matchesPattern('https://example.com/chat/*', 'https://example.com/other'));
  assert.ok(!matchesPattern('<all_urls>', 'chrome://settings'));
  assert.ok(!matchesPattern('https://example.com/*', 'not a url'));
});

test('built-in sites are protected, others only when listed', () => {
  assert.ok(isProtectedUrl('https://chatgpt.com/', []));
  assert.ok(isProtectedUrl('https://www.perplexity.ai/search', []));
  assert.ok(isProtectedUrl('https://gemini.google.com/app', []));
  assert.ok(!isProtectedUrl('https://www.google.com/', []));
  assert.ok(!isProtectedUrl('http://127.0.0.1:5000/', []));
  assert.ok(isProtectedUrl('http://127.0.0.1:5000/', ['http://127.0.0.1:5000/*']));
  assert.ok(!isProtectedUrl(undefined, ['<all_urls>']));
});

test('managed wins per key, local fills in, defaults last', () => {
  const { policy, source } = mergePolicy(
    { mode: 'block', protectedSites: ['https://a.example'] },
    { mode: 'audit', failMode: 'open', verifyServerUrl: 'http://127.0.0.1:8000/' },
  );
  assert.equal(policy.mode, 'block');
  assert.equal(source.mode, 'managed');
  assert.deepEqual(policy.protectedSites, ['https://a.example/*']);
  assert.deepEqual(
    mergePolicy({ protectedSites: ['https://a.example'] }, { protectedSites: ['b.example', 'https://a.example/'] })
      .policy.protectedSites,
    ['https://a.example/*', '*://b.example/*'],
    'the user adds sites to the admin list, never removes',
  );
  assert.equal(policy.failMode, 'open');
  assert.equal(source.failMode, 'local');
  assert.equal(policy.verifyServerUrl, 'http://127.0.0.1:8000');
  assert.equal(policy.holdTimeoutMs, DEFAULT_POLICY.holdTimeoutMs);
  assert.equal(source.holdTimeoutMs, 'default');
});

test('a bad managed value falls back instead of breaking protection', () => {
  const { policy, source, problems } = mergePolicy(
    { mode: 'strict', holdTimeoutMs: 'soon', protectedSites: ['https://ok.example', 'ftp://bad'] },
    { mode: 'warn' },
  );
  assert.equal(policy.mode, 'warn');
  assert.equal(source.mode, 'local');
  assert.equal(policy.holdTimeoutMs, DEFAULT_POLICY.holdTimeoutMs);
  assert.deepEqual(policy.protectedSites, ['https://ok.example/*']);
  assert.equal(problems.length, 3);
  assert.ok(problems.some((p) => p.includes('ftp://bad')));
});

test('hold timeouts are clamped, not refused', () => {
  assert.equal(mergePolicy({ holdTimeoutMs: 5 }, {}).policy.holdTimeoutMs, 1000);
  assert.equal(mergePolicy({}, { holdTimeoutMs: 1e9 }).policy.holdTimeoutMs, 300000);
});

test('server URLs: http(s) only, no credentials, no trailing slash', () => {
  assert.equal(normalizeServerUrl('https://nospill.example.com/'), 'https://nospill.example.com');
  assert.equal(normalizeServerUrl('https://example.com/nospill/?x=1#y'), 'https://example.com/nospill');
  assert.equal(normalizeServerUrl('https://user:pw@example.com'), null);
  assert.equal(normalizeServerUrl('file:///tmp'), null);
  assert.equal(normalizeServerUrl('nonsense'), null);
});

test('scan policy keys: managed wins, bad values fall back, defaults match the engine', () => {
  const managed = { customRules: '[[rule]]\nid = "acme.token"', blockAt: 'critical/high', warnAt: 'sometimes' };
  const local = {
    customRules: '',
    allowlist: 'rules = ["generic.secret_assignment"]',
    warnAt: 'High/Low',
    inlineAllow: false,
  };
  const { policy, source, problems } = mergePolicy(managed, local);
  assert.equal(policy.customRules, managed.customRules);
  assert.equal(source.customRules, 'managed');
  assert.equal(policy.blockAt, 'critical/high');
  assert.equal(policy.warnAt, 'high/low');
  assert.equal(source.warnAt, 'local');
  assert.ok(problems.some((p) => p.startsWith('managed warnAt: must be severity/confidence')));
  assert.deepEqual(scanOptionsFor(policy), {
    customRules: managed.customRules,
    allowlist: local.allowlist,
    verdictPolicy: { block: 'critical/high', warn: 'high/low' },
    ignoreInlineAllow: true,
  });
  // The defaults are the engine's: block high/medium, warn medium/low, no extras.
  assert.deepEqual(scanOptionsFor(mergePolicy({}, {}).policy), {
    verdictPolicy: { block: 'high/medium', warn: 'medium/low' },
    ignoreInlineAllow: false,
  });
  const huge = mergePolicy({ allowlist: 'x'.repeat(300 * 1024) }, {});
  assert.equal(huge.policy.allowlist, '');
  assert.ok(huge.problems.some((p) => p.startsWith('managed allowlist: must be at most')));
});
