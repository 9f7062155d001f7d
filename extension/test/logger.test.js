import assert from 'node:assert/strict';
import { test } from 'node:test';

import { sanitize } from '../src/shared/logger.js';

test('the logger never prints bytes, secrets, file names or URL queries', () => {
  const out = /** @type {Record<string, unknown>} */ (
    sanitize({
      token: 'Bearer abc',
      verifyServerToken: 'xyz',
      name: 'AKIA-in-a-name.env',
      data: new ArrayBuffer(8),
      chunk: new Uint8Array(4),
      pageUrl: 'https://chat.example.com/c/1?key=sk-secret',
      size: 12,
      nested: { password: 'p', kind: 'pdf' },
    })
  );
  assert.equal(out.token, '[withheld]');
  assert.equal(out.verifyServerToken, '[withheld]');
  assert.equal(out.name, '[withheld]');
  assert.equal(out.data, '[withheld]');
  assert.equal(out.chunk, '[4 bytes]');
  assert.equal(out.pageUrl, 'https://chat.example.com');
  assert.equal(out.size, 12);
  assert.deepEqual(out.nested, { password: '[withheld]', kind: 'pdf' });
});

test('long strings are cut', () => {
  const text = /** @type {string} */ (sanitize('x'.repeat(1000)));
  assert.ok(text.length < 260);
  assert.match(text, /1000 chars/);
});
