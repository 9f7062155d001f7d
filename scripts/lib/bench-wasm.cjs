// Times scanner-wasm's `scan` export over the texts that the native matcher
// bench wrote, and prints MB/s and the native/wasm ratio. The native figures
// arrive on stdin as the bench printed them.
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
  const m = line.match(/^([\w-]+): .* scan ([\d.]+) MB\/s/);
  if (m) native[m[1]] = Number(m[2]);
}

for (const name of ["clean", "keyword-dense", "secret-dense"]) {
  const bytes = fs.readFileSync(path.join(textsDir, `${name}.txt`));
  let best = Infinity;
  let findings = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    findings = wasm.scan(bytes, name, undefined).findings.length;
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
  }
  const mbs = bytes.length / 1e6 / best;
  const ratio = native[name] ? ` native/wasm ${(native[name] / mbs).toFixed(2)}x` : "";
  console.log(`${name}: scan ${mbs.toFixed(1)} MB/s (${findings} findings, best of ${RUNS})${ratio}`);
}
