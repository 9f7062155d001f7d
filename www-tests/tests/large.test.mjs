// A 70 MB PDF: read, hashed and scanned off the page's main thread (the
// scanner runs in a worker of the extension frame), so the page stays
// responsive while the upload is held, and the verdict still comes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { awsKeyId, makePdf, writeFixture } from '../lib/fixtures.mjs';
import { openPage, startWorld } from '../lib/harness.mjs';
import { clickDialogButton, until, waitForDialog, waitForDialogClosed } from '../lib/page-tools.mjs';

const SIZE = 70 * 1024 * 1024;

describe('a 70 MB PDF', () => {
  /** @type {import('../lib/harness.mjs').World} */
  let world;

  before(async () => {
    world = await startWorld({ policy: { mode: 'block', holdTimeoutMs: 180_000 } });
  });
  after(async () => {
    await world?.close();
  });

  /**
   * Clicks the page's React button again and again until `done`; returns
   * how many clicks the page handled before `done` became true.
   * @param {import('playwright-core').Page} page
   * @param {() => boolean | Promise<boolean>} done
   */
  async function clickWhileHeld(page, done) {
    let handledWhileHeld = 0;
    while (!(await done())) {
      // The dialog may open between the check and the click: then the click cannot land.
      const clicked = await page.click('#ping', { timeout: 2_000 }).then(
        () => true,
        () => false,
      );
      if (!clicked) continue;
      if (!(await done())) handledWhileHeld = Number(await page.textContent('#pings'));
      await page.waitForTimeout(100);
    }
    return handledWhileHeld;
  }

  test('clean: the page keeps answering clicks while it is held, then gets the file byte for byte', async (t) => {
    const bytes = makePdf({ targetBytes: SIZE, imageShare: 0.85 });
    const path = writeFixture(world.dir, 'annual-report.pdf', bytes);
    const page = await openPage(world, '/react.html');
    await page.evaluate(() => {
      window.longTasks.length = 0;
    });
    const started = Date.now();
    await page.setInputFiles('#file', path);
    const handled = await clickWhileHeld(page, () => world.site.uploads.length > 0);
    const heldMs = Date.now() - started;
    await until(() => world.site.uploads.length === 1, 'the PDF arrives');
    assert.equal(world.site.uploads[0].sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.ok(handled > 0, `the page handled no click during the ${heldMs} ms hold: it froze`);
    const { longTasks, delivered } = await page.evaluate(() => ({
      longTasks: window.longTasks,
      delivered: window.handlerCalls[0].at,
    }));
    const longest = (tasks) => Math.max(0, ...tasks.map((task) => task.ms));
    t.diagnostic(
      `held ${heldMs} ms; ${handled} clicks handled meanwhile; longest main-thread task while held ${longest(longTasks.filter((task) => task.at < delivered))} ms (${JSON.stringify(longTasks.filter((task) => task.at < delivered).map((task) => [task.ms, task.from, Math.round(task.at - delivered)]))}), after delivery (the page's own upload) ${longest(longTasks.filter((task) => task.at >= delivered))} ms`,
    );
    await page.close();
  });

  test('with a secret on its last page: found, held, never uploaded', async (t) => {
    world.site.clear();
    const key = awsKeyId();
    const path = writeFixture(
      world.dir,
      'annual-report-final.pdf',
      makePdf({ targetBytes: SIZE, imageShare: 0.85, secretLine: `aws_access_key_id = ${key}` }),
    );
    const page = await openPage(world, '/react.html');
    const started = Date.now();
    await page.setInputFiles('#file', path);
    let opened = false;
    const handled = await clickWhileHeld(page, async () => {
      opened ||= (await import('../lib/page-tools.mjs').then((m) => m.dialog(page))) !== null;
      return opened;
    });
    const view = await waitForDialog(page);
    t.diagnostic(`verdict after ${Date.now() - started} ms; ${handled} clicks handled meanwhile`);
    assert.match(view.text, /AWS access key ID/);
    assert.match(view.text, /page \d+/);
    assert.ok(handled > 0, 'the page froze while the PDF was scanned');
    await clickDialogButton(page, 'cancel');
    await waitForDialogClosed(page);
    assert.equal(world.site.uploads.length, 0);
    await page.close();
  });
});
