// The real scanner engine (extension/pkg, the same WebAssembly the extension
// runs) loaded in Node, for tests that need true reports without a browser.
import { readFileSync } from 'node:fs';
import { EXTENSION_DIR, assertExtensionBuilt } from './browser.mjs';

let ready = null;

/** @returns {Promise<{scan: (bytes: Uint8Array, name: string) => any}>} */
export async function engine() {
  ready ??= (async () => {
    assertExtensionBuilt();
    const module = await import(`${EXTENSION_DIR}pkg/scanner_wasm.js`);
    await module.default({ module_or_path: readFileSync(`${EXTENSION_DIR}pkg/scanner_wasm_bg.wasm`) });
    return { scan: (bytes, name) => module.scan(bytes, name, undefined) };
  })();
  return ready;
}
