// After the extension is reloaded (as an update does), the content script in
// an open page is orphaned. Nothing it held may vanish silently, and nothing
// may go up unscanned: held uploads end by failMode with a notice; the
// service worker injects the new version into the open page, which scans
// from then on; where no new version comes (the extension switched off),
// the orphaned script stops uploads with a notice until the page is
// refreshed.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { awsKeyId, preview, writeFixture } from '../lib/fixtures.mjs';
import { openPage, startWorld } from '../lib/harness.mjs';
import {
  clickDialogButton,
  handlerCalls,
  notices,
  until,
  waitForDialog,
  waitForDialogClosed,
  waitForNotice,
} from '../lib/page-tools.mjs';

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('extension reloaded or switched off while a page is open', () => {
  /** @type {import('../lib/harness.mjs').World} */
  let world;
  let key = '';
  let secret = '';
  let clean = '';

  before(async () => {
    world = await startWorld({ policy: { mode: 'block', failMode: 'closed' } });
    key = awsKeyId();
    secret = writeFixture(world.dir, 'prod.env', `aws_access_key_id = ${key}\n`);
    clean = writeFixture(world.dir, 'notes.txt', 'meeting at noon\n');
  });
  after(async () => {
    await world?.close();
  });

  const assertSecretNeverSent = async (page) => {
    assert.equal((await handlerCalls(page)).filter((c) => c.name === 'prod.env').length, 0, 'the secret file reached the page');
    assert.ok(!world.site.uploads.some((u) => u.body.includes(key)), `an upload holds ${preview(key)}`);
  };

  test('reload: the held upload is stopped with a notice, and the new version scans the open page', async () => {
    const page = await openPage(world, '/react.html');
    await page.setInputFiles('#file', secret);
    await waitForDialog(page);
    await world.browser.reloadExtension();

    await waitForDialogClosed(page);
    const notice = await waitForNotice(page, 'Upload blocked');
    assert.match(notice, /reloaded or updated|restarted/);
    assert.match(notice, /prod\.env|file upload/);

    // The same page, without a refresh: the new version holds and scans.
    await page.setInputFiles('#file', secret);
    const view = await waitForDialog(page);
    assert.match(view.text, /AWS access key ID/);
    await clickDialogButton(page, 'cancel');
    await waitForDialogClosed(page);
    await page.setInputFiles('#file', clean);
    await until(() => world.site.uploads.some((u) => u.name === 'notes.txt'), 'the clean file is scanned and delivered');
    assert.equal(world.site.uploads.find((u) => u.name === 'notes.txt').sha256, sha256(clean));
    await assertSecretNeverSent(page);
    await page.close();
  });

  test('pages opened after the reload are protected', async () => {
    world.site.clear();
    const page = await openPage(world, '/dnd.html');
    await page.close();
    const react = await openPage(world, '/react.html');
    await react.setInputFiles('#file', secret);
    await waitForDialog(react);
    await clickDialogButton(react, 'cancel');
    await waitForDialogClosed(react);
    assert.equal(world.site.uploads.length, 0);
    await react.close();
  });

  test('switched off: the orphaned script lets nothing through unscanned and asks for a refresh', async () => {
    world.site.clear();
    const page = await openPage(world, '/react.html');
    await world.browser.disableExtension();
    const banner = await waitForNotice(page, 'Refresh this page');
    assert.match(banner, /updated or reloaded/);
    await page.setInputFiles('#file', clean);
    const notice = await waitForNotice(page, 'Upload blocked');
    assert.match(notice, /notes\.txt|file upload/);
    await page.setInputFiles('#file', secret);
    await until(async () => ((await notices(page)).match(/Upload blocked/g) ?? []).length >= 2, 'the second upload is stopped too');
    await page.waitForTimeout(500);
    assert.equal(world.site.uploads.length, 0, 'an upload passed the orphaned script');
    assert.equal((await handlerCalls(page)).length, 0, "the page's upload handler ran");
    await assertSecretNeverSent(page);
    await page.close();
  });
});
