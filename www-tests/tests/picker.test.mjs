// window.showOpenFilePicker / showDirectoryPicker: the page-world hook holds
// the picked files until the content script has scanned them, and the page
// gets only the handles policy allows (none: AbortError, as if cancelled).
//
// Headless Chromium cannot drive the operating system's picker, so an init
// script stands in for it, before nospill's hook wraps it: it returns real
// FileSystemFileHandles from the origin-private file system. Everything after
// the picker is the product's own path.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { awsKeyId, preview } from '../lib/fixtures.mjs';
import { openPage, startWorld } from '../lib/harness.mjs';
import { clickDialogButton, waitForDialog, waitForDialogClosed } from '../lib/page-tools.mjs';

describe('File System Access pickers', () => {
  /** @type {import('../lib/harness.mjs').World} */
  let world;

  before(async () => {
    world = await startWorld({ policy: { mode: 'block' } });
    await world.browser.context.addInitScript(() => {
      /** Files the next picker returns: [path, text][]; a path with '/' lands in the directory picker's tree. */
      window.pickerFiles = [];
      const root = () => navigator.storage.getDirectory();
      const write = async (dir, name, text) => {
        const handle = await dir.getFileHandle(name, { create: true });
        const writable = await handle.createWritable();
        await writable.write(text);
        await writable.close();
        return handle;
      };
      window.showOpenFilePicker = async function showOpenFilePicker() {
        const dir = await root();
        return Promise.all(window.pickerFiles.map(([name, text]) => write(dir, name, text)));
      };
      window.showDirectoryPicker = async function showDirectoryPicker() {
        const top = await (await root()).getDirectoryHandle(`picked-${Date.now()}`, { create: true });
        for (const [path, text] of window.pickerFiles) {
          const parts = path.split('/');
          let dir = top;
          for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
          await write(dir, parts[parts.length - 1], text);
        }
        return top;
      };
    });
  });
  after(async () => {
    await world?.close();
  });

  test('showOpenFilePicker: the page gets the clean file, not the one with a secret', async () => {
    const key = awsKeyId();
    const page = await openPage(world, '/react.html');
    await page.evaluate((k) => {
      window.pickerFiles = [
        ['notes.txt', 'lunch at noon\n'],
        ['prod.env', `aws_access_key_id = ${k}\n`],
      ];
    }, key);
    const picked = page.evaluate(async () => {
      const handles = await window.showOpenFilePicker({ multiple: true });
      return Promise.all(handles.map(async (h) => ({ name: h.name, text: await (await h.getFile()).text() })));
    });
    const view = await waitForDialog(page);
    assert.match(view.text, /prod\.env/);
    await clickDialogButton(page, 'cancel');
    const files = await picked;
    assert.deepEqual(
      files.map((f) => f.name),
      ['notes.txt'],
    );
    assert.ok(!files.some((f) => f.text.includes(key)), `the page got ${preview(key)}`);
    await page.close();
  });

  test('showOpenFilePicker: nothing allowed is an AbortError, as if the person cancelled', async () => {
    const page = await openPage(world, '/react.html');
    await page.evaluate((k) => {
      window.pickerFiles = [['prod.env', `aws_access_key_id = ${k}\n`]];
    }, awsKeyId());
    const picked = page.evaluate(() => window.showOpenFilePicker().then(() => 'handles', (err) => err.name));
    await waitForDialog(page);
    await clickDialogButton(page, 'cancel');
    assert.equal(await picked, 'AbortError');
    await page.close();
  });

  test('showDirectoryPicker: a secret deep in the tree withholds the whole directory', async () => {
    const page = await openPage(world, '/react.html');
    await page.evaluate((k) => {
      window.pickerFiles = [
        ['README.md', '# project\n'],
        ['config/prod/deploy.env', `aws_access_key_id = ${k}\n`],
      ];
    }, awsKeyId());
    const picked = page.evaluate(() => window.showDirectoryPicker().then((dir) => dir.kind, (err) => err.name));
    const view = await waitForDialog(page);
    assert.match(view.text, /deploy\.env/);
    await clickDialogButton(page, 'cancel');
    await waitForDialogClosed(page);
    assert.equal(await picked, 'AbortError');

    await page.evaluate(() => {
      window.pickerFiles = [['README.md', '# project\n'], ['src/main.txt', 'print hello\n']];
    });
    assert.equal(await page.evaluate(() => window.showDirectoryPicker().then((dir) => dir.kind)), 'directory');
    await page.close();
  });
});
