// The rules for what a person may do with a held item, checked without a
// browser: they are the product's policy in a few lines, easy to break.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { choicesFor, describeHow, describeLocation, wantsVerification } from '../../extension/src/content/decide.js';

/** @returns {import('../../extension/src/shared/protocol.js').Policy} */
const policy = (overrides = {}) => ({
  protected: true,
  mode: 'block',
  failMode: 'closed',
  holdTimeoutMs: 30_000,
  verify: 'findings',
  serverConfigured: true,
  allowRedact: true,
  ...overrides,
});

const finding = (location = { part: 'text', line: 2, column: 5, length: 20 }) => ({
  rule: 'aws.access_key_id',
  rule_name: 'AWS access key ID',
  category: 'secret',
  severity: 'high',
  confidence: 'high',
  validated: false,
  location,
  preview: 'AKIAZ…',
  fingerprint: 'fp1:0',
});

const report = (verdict, findings = [finding()], kind = 'text', warnings = []) => ({
  version: 1,
  file: { name: 'a.env', size: 10, sha256: '', kind },
  verdict,
  findings,
  warnings,
  stats: { parts: 1, bytes_scanned: 10, elapsed_ms: 1 },
});

test('a clean report never asks, whatever the mode', () => {
  for (const mode of ['block', 'warn', 'audit']) {
    assert.deepEqual(choicesFor(policy({ mode }), report('allow', []), { redactable: true }), {
      ask: false,
      override: false,
      redact: false,
    });
  }
});

test('block mode: a block verdict has no override, a warn verdict may be overridden', () => {
  assert.equal(choicesFor(policy(), report('block'), { redactable: true }).override, false);
  assert.equal(choicesFor(policy(), report('warn'), { redactable: true }).override, true);
  assert.equal(choicesFor(policy({ mode: 'warn' }), report('block'), { redactable: true }).override, true);
});

test('audit mode never holds for a decision', () => {
  assert.equal(choicesFor(policy({ mode: 'audit' }), report('block'), { redactable: true }).ask, false);
});

test('redaction: only text with positions, only when allowed and replaceable', () => {
  assert.equal(choicesFor(policy(), report('block'), { redactable: true }).redact, true);
  assert.equal(choicesFor(policy({ allowRedact: false }), report('block'), { redactable: true }).redact, false);
  assert.equal(choicesFor(policy(), report('block'), { redactable: false }).redact, false);
  assert.equal(choicesFor(policy(), report('block', [finding()], 'pdf'), { redactable: true }).redact, false);
  const inName = report('block', [finding({ part: 'file name' })]);
  assert.equal(choicesFor(policy(), inName, { redactable: true }).redact, false);
  const partly = report('block', [finding()], 'text', [{ part: 'file', code: 'limit', message: '' }]);
  assert.equal(choicesFor(policy(), partly, { redactable: true }).redact, false);
});

test('verification follows the policy and needs a server', () => {
  assert.equal(wantsVerification(policy({ verify: 'always' }), report('allow', [])), true);
  assert.equal(wantsVerification(policy({ verify: 'findings' }), report('allow', [])), false);
  assert.equal(wantsVerification(policy({ verify: 'findings' }), report('warn')), true);
  assert.equal(wantsVerification(policy({ verify: 'findings' }), null), true, 'a failed local scan asks the server');
  assert.equal(wantsVerification(policy({ verify: 'never' }), report('block')), false);
  assert.equal(wantsVerification(policy({ serverConfigured: false, verify: 'always' }), report('block')), false);
});

test('locations read like places', () => {
  assert.equal(describeLocation({ part: 'page 3', page: 3, line: 14, column: 9 }), 'page 3, line 14, column 9');
  assert.equal(describeLocation({ part: 'metadata/Author' }), 'metadata/Author');
  assert.equal(describeLocation({ part: 'attachment creds.env', line: 2, column: 1 }), 'attachment creds.env, line 2, column 1');
});

test('decoded and paired findings say how they were found', () => {
  assert.equal(describeHow(finding()), '');
  assert.equal(describeHow({ ...finding(), decoded: 'base64+escape' }), 'found after decoding base64, then escape');
  const paired = {
    ...finding(),
    rule: 'aws.secret_access_key',
    paired_with: 'aws.access_key_id',
    paired_location: { part: 'text', line: 1, column: 19, length: 20 },
  };
  assert.equal(describeHow(paired), 'paired with aws.access_key_id at text, line 1, column 19');
});

test('a pair is redactable only when both halves have positions in the text', () => {
  const paired = (at) => ({ ...finding(), paired_with: 'aws.access_key_id', paired_location: at });
  const both = report('block', [paired({ part: 'text', line: 1, column: 1, length: 20 })]);
  assert.equal(choicesFor(policy(), both, { redactable: true }).redact, true);
  const elsewhere = report('block', [paired({ part: 'file name' })]);
  assert.equal(choicesFor(policy(), elsewhere, { redactable: true }).redact, false);
});
