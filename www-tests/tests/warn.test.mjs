// Warn mode: a person may upload anyway with a reason. The override goes
// through the service worker to the real verify-server, and only proceeds
// once the server agrees and has recorded it (GET /audit shows the record).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { awsKeyId, makePdf, preview, privateKeyPem, writeFixture } from '../lib/fixtures.mjs';
import { openPage, startWorld } from '../lib/harness.mjs';
import {
  clickDialogButton,
  dialog,
  typeReason,
  until,
  waitForDialog,
  waitForDialogClosed,
} from '../lib/page-tools.mjs';

// The README's screenshot: written to www-tests/out/ on every run, and to
// docs/ only when asked (NOSPILL_SCREENSHOT_DIR=docs), so tests leave the
// tree clean.
const DOCS = process.env.NOSPILL_SCREENSHOT_DIR
  ? fileURLToPath(new URL(`../../${process.env.NOSPILL_SCREENSHOT_DIR}/`, import.meta.url))
  : fileURLToPath(new URL('../out/', import.meta.url));
const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('warn mode, server allows overrides', () => {
  /** @type {import('../lib/harness.mjs').World} */
  let world;
  let key = '';

  before(async () => {
    world = await startWorld({ server: { overrides: 'allow' }, policy: { mode: 'warn', verify: 'findings' } });
    key = awsKeyId();
  });
  after(async () => {
    await world?.close();
  });

  test('Upload anyway needs a reason, then uploads the original and leaves an audit record', async () => {
    const file = writeFixture(world.dir, 'q3-report.pdf', makePdf({ targetBytes: 60_000, secretLine: `aws_access_key_id = ${key}` }));
    const page = await openPage(world, '/react.html');
    await page.setInputFiles('#file', file);
    const view = await waitForDialog(page);
    assert.deepEqual(Object.keys(view.buttons).sort(), ['cancel', 'override']);
    assert.match(view.text, /page \d+/, 'the finding says which page');
    assert.ok(!view.text.includes(key));
    // Without a reason the button does nothing.
    await clickDialogButton(page, 'override');
    await page.waitForTimeout(300);
    assert.ok(await dialog(page), 'the dialog closed without a reason');
    assert.equal(world.site.uploads.length, 0);

    await typeReason(page, 'Sharing the sandbox key with the vendor, rotated tomorrow');
    await clickDialogButton(page, 'override');
    await waitForDialogClosed(page);
    await until(() => world.site.uploads.length === 1, 'the overridden file is uploaded');
    assert.equal(world.site.uploads[0].sha256, sha256(file), 'the original file, byte for byte');

    const events = await world.server.audit();
    const record = events.find((e) => JSON.stringify(e).includes('q3-report.pdf'));
    assert.ok(record, 'the server has an audit record for the file');
    const text = JSON.stringify(record);
    assert.match(text, /override/);
    assert.match(text, /rotated tomorrow/);
    assert.match(text, /aws\.access_key_id/);
    assert.ok(!JSON.stringify(events).includes(key), `the audit trail holds ${preview(key)}`);
    await page.close();
  });

  test('Enter in the reason field confirms; the dialog screenshot for the README', async () => {
    world.site.clear();
    const file = writeFixture(
      world.dir,
      'deploy.env',
      `# production\nDATABASE_HOST=db.internal\naws_access_key_id = ${key}\n${privateKeyPem()}`,
    );
    const page = await openPage(world, '/react.html');
    await page.setInputFiles('#file', file);
    await waitForDialog(page);
    await typeReason(page, 'Debugging the staging deploy');
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: join(DOCS, 'dialog.png') });
    await page.keyboard.press('Enter');
    await waitForDialogClosed(page);
    await until(() => world.site.uploads.length === 1, 'the overridden file is uploaded');
    assert.equal(world.site.uploads[0].sha256, sha256(file));
    await page.close();
  });
});

describe('warn mode, server denies overrides', () => {
  /** @type {import('../lib/harness.mjs').World} */
  let world;

  before(async () => {
    world = await startWorld({ server: { overrides: 'deny' }, policy: { mode: 'warn', verify: 'findings' } });
  });
  after(async () => {
    await world?.close();
  });

  test('the server has the last word: no upload, the dialog says why', async () => {
    const key = awsKeyId();
    const file = writeFixture(world.dir, 'prod.env', `aws_access_key_id = ${key}\n`);
    const page = await openPage(world, '/react.html');
    await page.setInputFiles('#file', file);
    await waitForDialog(page);
    await typeReason(page, 'I really need to');
    await clickDialogButton(page, 'override');
    await until(async () => /did not allow/.test((await dialog(page))?.text ?? ''), 'the dialog shows the refusal');
    assert.equal(world.site.uploads.length, 0, 'the file was uploaded against the server');
    await clickDialogButton(page, 'cancel');
    await waitForDialogClosed(page);
    await page.waitForTimeout(300);
    assert.equal(world.site.uploads.length, 0);
    await page.close();
  });
});
