// Every hold has a time limit. A verify-server that never answers (the
// policy says verify always) makes the hold run out: failMode closed stops
// the upload, failMode open lets it through, and either way the person sees
// a notice. The page is never left waiting.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { writeFixture } from '../lib/fixtures.mjs';
import { openPage, startWorld } from '../lib/harness.mjs';
import { dialog, until, waitForNotice } from '../lib/page-tools.mjs';

/** A TCP server that accepts connections and never answers. */
async function silentServer() {
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

for (const failMode of /** @type {const} */ (['closed', 'open'])) {
  describe(`failMode ${failMode}, server never answers`, () => {
    /** @type {import('../lib/harness.mjs').World} */
    let world;
    /** @type {{url: string, close: () => Promise<void>}} */
    let silent;

    before(async () => {
      silent = await silentServer();
      world = await startWorld({
        serverUrl: silent.url,
        policy: { mode: 'block', failMode, verify: 'always', holdTimeoutMs: 1000 },
      });
    });
    after(async () => {
      await world?.close();
      await silent?.close();
    });

    test(failMode === 'closed' ? 'the upload is stopped, with a notice' : 'the upload goes through, with a notice', async () => {
      const path = writeFixture(world.dir, 'notes.txt', 'nothing secret here\n');
      const page = await openPage(world, '/react.html');
      const started = Date.now();
      await page.setInputFiles('#file', path);
      const text = await waitForNotice(page, failMode === 'closed' ? 'Upload blocked' : 'Uploaded without a check');
      assert.match(text, /notes\.txt/);
      assert.match(text, /server could not check it|took longer/);
      assert.ok(Date.now() - started < 15_000, 'the hold outlived its limit by far');
      assert.equal(await dialog(page), null);
      if (failMode === 'closed') {
        await page.waitForTimeout(500);
        assert.equal(world.site.uploads.length, 0, 'a file that could not be checked was uploaded');
      } else {
        await until(() => world.site.uploads.length === 1, 'the file goes through');
        assert.equal(world.site.uploads[0].sha256, createHash('sha256').update(readFileSync(path)).digest('hex'));
      }
      await page.close();
    });
  });
}
