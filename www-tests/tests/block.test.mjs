// Block mode, with the real verify-server checking files that have findings.
// Every way a chat page takes files or text: a secret never reaches the
// page's handler, a clean file reaches it byte for byte.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { awsKeyId, preview, writeFixture } from '../lib/fixtures.mjs';
import { openPage, startWorld } from '../lib/harness.mjs';
import {
  clickDialogButton,
  dialog,
  dropFiles,
  handlerCalls,
  pasteText,
  until,
  waitForDialog,
  waitForDialogClosed,
} from '../lib/page-tools.mjs';

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('block mode', () => {
  /** @type {import('../lib/harness.mjs').World} */
  let world;
  let key = '';
  let secretFile = '';
  let cleanFile = '';

  before(async () => {
    world = await startWorld({ server: true, policy: { mode: 'block', verify: 'findings' } });
    key = awsKeyId();
    secretFile = writeFixture(world.dir, 'prod.env', `APP_ENV=production\nAWS_REGION=eu-west-1\naws_access_key_id = ${key}\n`);
    cleanFile = writeFixture(world.dir, 'notes.md', `# Meeting notes\n\n- ship the release\n- ${'é'.repeat(3)} ünïcödé stays intact\n`);
  });
  after(async () => {
    await world?.close();
  });

  /**
   * Checks the page never saw the secret file and the site got nothing of it.
   * @param {import('playwright-core').Page} page
   */
  const assertNeverUploaded = async (page, name) => {
    const calls = await handlerCalls(page);
    assert.equal(calls.filter((c) => c.name === name).length, 0, `the page's handler was called with ${name}`);
    assert.equal(world.site.uploads.filter((u) => u.name === name).length, 0, `${name} reached the upload endpoint`);
    assert.ok(!world.site.uploads.some((u) => u.body.includes(key)), `an upload holds ${preview(key)}`);
  };

  const assertArrivedIntact = async (path, name, via) => {
    await until(() => world.site.uploads.some((u) => u.name === name && u.via === via), `${name} arrives via ${via}`);
    const upload = world.site.uploads.find((u) => u.name === name && u.via === via);
    assert.equal(upload.sha256, sha256(path), `${name} changed on its way`);
  };

  test('React 19 page: a file with a secret never reaches the upload handler; the dialog shows only a preview', async () => {
    world.site.clear();
    const page = await openPage(world, '/react.html');
    await page.setInputFiles('#file', secretFile);
    const view = await waitForDialog(page);
    assert.match(view.text, /AWS access key ID/);
    assert.ok(view.text.includes(preview(key)), 'the dialog shows the preview');
    assert.ok(!view.text.includes(key), `the dialog shows the full secret ${preview(key)}`);
    assert.match(view.text, /prod\.env/);
    assert.match(view.text, /line 3, column 21/);
    assert.match(view.text, /checked by your organisation's server/);
    assert.deepEqual(Object.keys(view.buttons).sort(), ['cancel', 'redact'], 'block: no "Upload anyway"');
    await clickDialogButton(page, 'cancel');
    await waitForDialogClosed(page);
    await page.waitForTimeout(500);
    await assertNeverUploaded(page, 'prod.env');
    // The server saw it (verify on findings) and recorded the cancel.
    await until(async () => {
      const events = await world.server.audit();
      return events.some((e) => JSON.stringify(e).includes('prod.env') && JSON.stringify(e).includes('cancel'));
    }, 'the server records the cancelled upload');
    const events = await world.server.audit();
    assert.ok(!JSON.stringify(events).includes(key), 'the audit trail holds the secret');
    await page.close();
  });

  test('React 19 page: a clean file reaches the handler with the same SHA-256', async () => {
    world.site.clear();
    const page = await openPage(world, '/react.html');
    await page.setInputFiles('#file', cleanFile);
    await assertArrivedIntact(cleanFile, 'notes.md', 'react');
    assert.equal(await dialog(page), null, 'a clean file opened the dialog');
    // React saw the change event: its state lists the file.
    await page.waitForSelector('#react-uploads li');
    await page.close();
  });

  test('drag and drop: secret held, clean file delivered intact, dropped folder walked', async () => {
    world.site.clear();
    const page = await openPage(world, '/dnd.html');
    await dropFiles(page, '#zone', [secretFile]);
    await waitForDialog(page);
    await clickDialogButton(page, 'cancel');
    await waitForDialogClosed(page);
    assert.equal(await page.getAttribute('#zone', 'class'), 'zone', 'the drop overlay was reset');
    await dropFiles(page, '#zone', [cleanFile]);
    await assertArrivedIntact(cleanFile, 'notes.md', 'drop');

    // A folder with a secret deep inside: only the clean file goes up.
    const folder = join(world.dir, 'project');
    mkdirSync(join(folder, 'config', 'prod'), { recursive: true });
    const inner = writeFixture(join(folder, 'config', 'prod'), 'deploy.env', `aws_access_key_id=${key}\n`);
    const readme = writeFixture(folder, 'README.txt', 'A project.\n');
    world.site.clear();
    await dropFiles(page, '#zone', [folder]);
    const view = await waitForDialog(page);
    assert.match(view.text, /project\/config\/prod\/deploy\.env/);
    await clickDialogButton(page, 'cancel');
    await assertArrivedIntact(readme, 'README.txt', 'drop');
    await assertNeverUploaded(page, 'deploy.env');
    assert.ok(inner);
    await page.close();
  });

  test('strict-CSP page: the scanner still runs (extension frame), secret held, clean passes', async () => {
    world.site.clear();
    const page = await openPage(world, '/csp.html');
    await page.setInputFiles('#file', secretFile);
    await waitForDialog(page);
    await clickDialogButton(page, 'cancel');
    await waitForDialogClosed(page);
    await page.setInputFiles('#file', cleanFile);
    await assertArrivedIntact(cleanFile, 'notes.md', 'csp');
    await dropFiles(page, '#zone', [cleanFile]);
    await assertArrivedIntact(cleanFile, 'notes.md', 'csp-drop');
    await assertNeverUploaded(page, 'prod.env');
    await page.close();
  });

  test('detached input (never in the document): secret held, clean passes', async () => {
    world.site.clear();
    const page = await openPage(world, '/detached.html');
    const [first] = await Promise.all([page.waitForEvent('filechooser'), page.click('#attach')]);
    await first.setFiles(secretFile);
    await waitForDialog(page);
    await clickDialogButton(page, 'cancel');
    await waitForDialogClosed(page);
    const [second] = await Promise.all([page.waitForEvent('filechooser'), page.click('#attach')]);
    await second.setFiles(cleanFile);
    await assertArrivedIntact(cleanFile, 'notes.md', 'detached');
    await assertNeverUploaded(page, 'prod.env');
    await page.close();
  });

  test('input inside a closed shadow root: secret held, clean passes', async () => {
    world.site.clear();
    const page = await openPage(world, '/shadow.html');
    const [first] = await Promise.all([page.waitForEvent('filechooser'), page.click('#box')]);
    await first.setFiles(secretFile);
    await waitForDialog(page);
    await clickDialogButton(page, 'cancel');
    await waitForDialogClosed(page);
    const [second] = await Promise.all([page.waitForEvent('filechooser'), page.click('#box')]);
    await second.setFiles(cleanFile);
    await assertArrivedIntact(cleanFile, 'notes.md', 'shadow');
    await assertNeverUploaded(page, 'prod.env');
    await page.close();
  });

  test('paste: text with a key is held and never reaches the editor; clean text is pasted', async () => {
    world.site.clear();
    const page = await openPage(world, '/paste.html');
    await pasteText(page, '#editor', `here is the key: ${key}`);
    const view = await waitForDialog(page);
    assert.match(view.text, /pasted text/);
    assert.ok(!view.text.includes(key));
    await clickDialogButton(page, 'cancel');
    await waitForDialogClosed(page);
    assert.equal((await page.textContent('#editor')).includes(key), false, 'the key was pasted');
    assert.equal((await handlerCalls(page)).length, 0, "the page's paste handler ran");
    await pasteText(page, '#editor', 'Please summarise the attached notes.');
    await until(async () => (await page.textContent('#editor')).includes('Please summarise'), 'clean text is pasted');
    await page.close();
  });

  test('textarea composer: a message with a key is not sent on Enter; a clean one is', async () => {
    world.site.clear();
    const page = await openPage(world, '/composer.html');
    await page.locator('#composer').fill(`deploy with ${key} please`);
    await page.keyboard.press('Enter');
    await waitForDialog(page);
    await clickDialogButton(page, 'cancel');
    await waitForDialogClosed(page);
    await page.waitForTimeout(300);
    assert.equal(world.site.messages.length, 0, 'the message was sent');
    assert.ok((await page.inputValue('#composer')).includes('deploy with'), 'the draft stays in the composer');
    // Enter right after typing: held, checked, then replayed to the page.
    await page.locator('#composer').fill('What is the capital of France?');
    await page.keyboard.press('Enter');
    await until(() => world.site.messages.length === 1, 'the clean message is sent');
    assert.equal(world.site.messages[0].text, 'What is the capital of France?');
    // A pause in typing lets nospill check the text first: the person's own Enter then goes through untouched.
    await page.locator('#composer').pressSequentially('And of Italy?', { delay: 20 });
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    await until(() => world.site.messages.length === 2, 'the second message is sent');
    assert.equal(world.site.messages[1].text, 'And of Italy?');
    assert.equal(await page.evaluate(() => window.lastEnterTrusted), true, 'the checked message was sent by a replayed key');
    // Pasting into the plain textarea (no page paste handler) still inserts text.
    await pasteText(page, '#composer', 'pasted line');
    await until(async () => (await page.inputValue('#composer')) === 'pasted line', 'default paste inserts text');
    await page.close();
  });

  test('redact and continue: a copy without the secret is uploaded', async () => {
    world.site.clear();
    const page = await openPage(world, '/react.html');
    await page.setInputFiles('#file', secretFile);
    await waitForDialog(page);
    await clickDialogButton(page, 'redact');
    await until(() => world.site.uploads.some((u) => u.name === 'prod.env'), 'the redacted copy arrives');
    const upload = world.site.uploads.find((u) => u.name === 'prod.env');
    const text = upload.body.toString('utf8');
    assert.ok(!text.includes(key), `the copy still holds ${preview(key)}`);
    assert.equal(text, 'APP_ENV=production\nAWS_REGION=eu-west-1\naws_access_key_id = [REDACTED:aws.access_key_id]\n');
    assert.notEqual(upload.sha256, sha256(secretFile));
    await page.close();
  });

  test('redact and continue for a message: the composer text is redacted, then sent', async () => {
    world.site.clear();
    const page = await openPage(world, '/composer.html');
    await page.locator('#composer').fill(`use ${key} for the demo`);
    await page.keyboard.press('Enter');
    await waitForDialog(page);
    await clickDialogButton(page, 'redact');
    await until(() => world.site.messages.length === 1, 'the redacted message is sent');
    assert.equal(world.site.messages[0].text, 'use [REDACTED:aws.access_key_id] for the demo');
    await page.close();
  });

  test('keyboard: focus starts inside, Tab cycles within the dialog, Escape cancels', async () => {
    world.site.clear();
    const page = await openPage(world, '/react.html');
    await page.setInputFiles('#file', secretFile);
    await waitForDialog(page);
    // Focus is inside the dialog (the page sees its host as the active element).
    const activeTag = () => page.evaluate(() => document.activeElement?.tagName);
    assert.equal(await activeTag(), 'NOSPILL-DIALOG');
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      assert.equal(await activeTag(), 'NOSPILL-DIALOG', `Tab #${i + 1} left the dialog`);
    }
    // The page never sees keys typed in the dialog.
    const pageKeys = await page.evaluate(() => {
      window.keysSeen = 0;
      window.addEventListener('keydown', () => window.keysSeen++);
      return 0;
    });
    assert.equal(pageKeys, 0);
    await page.keyboard.press('Escape');
    await waitForDialogClosed(page);
    assert.equal(await page.evaluate(() => window.keysSeen), 0, 'the page saw a key pressed in the dialog');
    await assertNeverUploaded(page, 'prod.env');
    await page.close();
  });
});
