// Times scanner-wasm over the texts that the native matcher bench wrote:
// rule matching alone (the hidden `benchMatchCount` export) and the whole
// `scan` export, and prints MB/s next to the native figures and the
// native/wasm ratio. The native figures arrive on stdin as the bench
// printed them.
// Usage: node bench-wasm.cjs <wasm-pack nodejs out dir> <texts dir> < native output
"use strict";
const fs = require("fs");
const path = require("path");

const [pkgDir, textsDir] = process.argv.slice(2);
const wasm = require(path.resolve(pkgDir, "scanner_wasm.js"));
const RUNS = 5;

// "clean: 2.0 MB, match 812.3 MB/s (0 hits), scan 640.1 MB/s (0 findings)"
const native = {};
for (const line of fs.readFileSync(0, "utf8").split("\n")) {
  const m = line.match(/^([\w-]+): .* match ([\d.]+) MB\/s .* scan ([\d.]+) MB\/s/);
  if (m) native[m[1]] = { match: Number(m[2]), scan: Number(m[3]) };
}

// Best of RUNS, and the last result.
function best(run) {
  let secs = Infinity;
  let result;
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    result = run();
    secs = Math.min(secs, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return [secs, result];
}

function ratio(nativeMbs, wasmMbs) {
  return nativeMbs ? ` (native ${nativeMbs.toFixed(1)}, ${(nativeMbs / wasmMbs).toFixed(2)}x)` : "";
}

for (const name of ["clean", "keyword-dense", "secret-dense"]) {
  const bytes = fs.readFileSync(path.join(textsDir, `${name}.txt`));
  const mb = bytes.length / 1e6;
  const [matchSecs, hits] = best(() => wasm.benchMatchCount(bytes));
  const [scanSecs, findings] = best(() => wasm.scan(bytes, name, undefined).findings.length);
  const n = native[name] || {};
  console.log(
    `${name}: ${mb.toFixed(1)} MB, match ${(mb / matchSecs).toFixed(1)} MB/s${ratio(n.match, mb / matchSecs)} ` +
      `(${hits} hits), scan ${(mb / scanSecs).toFixed(1)} MB/s${ratio(n.scan, mb / scanSecs)} (${findings} findings)`,
  );
}
