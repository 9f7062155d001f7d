// Browser benchmark for the README: prints figures, asserts nothing.
//   - drop → verdict: from the trusted drop event to the page's drop handler
//     receiving the re-injected files (clean PDFs of 100 KB, 1 MB, 20 MB);
//   - the longest main-thread task on the page between drop and verdict
//     (Long Tasks API: only tasks over 50 ms are reported at all);
//   - the WebAssembly size.
// Run: npm run bench (after scripts/build-extension.sh).
import { statSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR } from './lib/browser.mjs';
import { makePdf, writeFixture } from './lib/fixtures.mjs';
import { openPage, startWorld } from './lib/harness.mjs';
import { dropFiles, until } from './lib/page-tools.mjs';
import { engine } from './lib/engine.mjs';

const SIZES = [
  { label: '100 KB', bytes: 100 * 1024, runs: 9 },
  { label: '1 MB', bytes: 1024 * 1024, runs: 9 },
  { label: '20 MB', bytes: 20 * 1024 * 1024, runs: 5 },
];
/** Share of each PDF that is image data; the rest is pages of compressed text. */
const IMAGE_SHARE = 0.5;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const { scan } = await engine();
const world = await startWorld({ policy: { mode: 'block', verify: 'never', holdTimeoutMs: 120_000 } });
try {
  const page = await openPage(world, '/dnd.html');
  await page.waitForTimeout(1000); // let the scanner frame warm up, as it does on an idle page
  console.log(`nospill browser benchmark — Chromium ${world.browser.context.browser()?.version() ?? ''}, ${cpus().length} CPUs`);
  console.log(`PDFs: pages of Flate-compressed text plus ${IMAGE_SHARE * 100}% incompressible image data; clean, so the verdict is the re-injected drop.\n`);
  console.log('size     runs  drop→verdict median (min–max)   engine alone*  longest main-thread task during the scan');
  for (const size of SIZES) {
    /** @type {number[]} */
    const times = [];
    /** @type {number[]} */
    const engineTimes = [];
    let longest = 0;
    let longestGap = 0;
    for (let run = 0; run < size.runs; run++) {
      // A new file every run: the frame answers repeated files from its cache.
      const pdf = makePdf({ targetBytes: size.bytes, imageShare: IMAGE_SHARE });
      const path = writeFixture(world.dir, `bench-${run}.pdf`, pdf);
      const engineStart = performance.now();
      scan(new Uint8Array(pdf), 'bench.pdf');
      engineTimes.push(performance.now() - engineStart);
      world.site.clear();
      await page.evaluate(() => {
        window.handlerCalls.length = 0;
        window.longTasks.length = 0;
        window.ticks.maxGap = 0;
        window.ticks.last = performance.now();
      });
      await dropFiles(page, '#zone', [path]);
      await until(async () => (await page.evaluate(() => window.handlerCalls.length)) > 0, 'the drop is delivered', 120_000);
      const { dropped, at, tasks, gap } = await page.evaluate(() => ({
        dropped: window.lastDragOver,
        at: window.handlerCalls[0].at,
        tasks: window.longTasks,
        gap: window.ticks.maxGap,
      }));
      times.push(at - dropped);
      longest = Math.max(longest, ...tasks.filter((t) => t.at >= dropped && t.at <= at).map((t) => t.ms));
      longestGap = Math.max(longestGap, gap);
      await until(() => world.site.uploads.length === 1, 'the upload finishes', 120_000);
      rmSync(path);
    }
    const task = longest > 0 ? `${longest} ms` : 'none over 50 ms';
    console.log(
      `${size.label.padEnd(8)} ${String(size.runs).padStart(4)}  ${`${Math.round(median(times))} ms (${Math.round(Math.min(...times))}–${Math.round(Math.max(...times))})`.padEnd(30)}  ${`${Math.round(median(engineTimes))} ms`.padEnd(13)}  ${task} (longest 10 ms-timer gap ${Math.round(longestGap)} ms)`,
    );
  }
  console.log('* the same WebAssembly scanning the same file in Node, median: the engine\'s share of drop→verdict');
  const wasm = join(EXTENSION_DIR, 'pkg', 'scanner_wasm_bg.wasm');
  const bytes = statSync(wasm).size;
  const gzipped = gzipSync(readFileSync(wasm), { level: 9 }).length;
  console.log(`\nWASM size: ${(bytes / 1024 / 1024).toFixed(2)} MiB (${bytes} bytes), ${(gzipped / 1024 / 1024).toFixed(2)} MiB gzipped`);
} finally {
  await world.close();
}
