// Hex encodings shared by the content script, the scanner frame and the
// service worker, so all three name a file by the same SHA-256.

/**
 * Lowercase hex SHA-256 of the bytes.
 * @param {ArrayBuffer | Uint8Array<ArrayBuffer>} bytes
 * @returns {Promise<string>}
 */
export async function sha256Hex(bytes) {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/**
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function toHex(bytes) {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
