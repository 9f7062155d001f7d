// Reads a file's bytes without freezing the page. Blob.arrayBuffer() on a
// large file finishes in one main-thread task of hundreds of milliseconds
// (measured: about 300 ms for 70 MB in Chromium 156), and content scripts
// share the page's main thread. Reading in slices of a few megabytes into
// one preallocated buffer keeps every task short; the buffer is then
// transferred to the scanner frame as one ArrayBuffer.

/** Bytes per slice: about 10 ms of main-thread work each. */
const SLICE_BYTES = 2 * 1024 * 1024;

/**
 * @param {Blob} blob
 * @returns {Promise<ArrayBuffer>}
 */
export async function readBlob(blob) {
  if (blob.size <= SLICE_BYTES) return blob.arrayBuffer();
  const out = new Uint8Array(blob.size);
  for (let at = 0; at < blob.size; at += SLICE_BYTES) {
    const slice = await blob.slice(at, Math.min(blob.size, at + SLICE_BYTES)).arrayBuffer();
    out.set(new Uint8Array(slice), at);
  }
  return out.buffer;
}
