// A place for nospill's own UI on a page: an element with a CLOSED shadow
// root, so the page's scripts cannot reach inside and its CSS cannot style
// it. The host's own box is pinned with inline !important declarations,
// which beat anything in the page's style sheets.

/** Every host nospill put on the page, so events from inside them can be recognised. */
const hosts = new Set();

const HOST_STYLE = [
  'all: initial !important',
  'display: block !important',
  'position: fixed !important',
  'top: 0 !important',
  'left: 0 !important',
  'width: 0 !important',
  'height: 0 !important',
  'overflow: visible !important',
  'visibility: visible !important',
  'opacity: 1 !important',
  'transform: none !important',
  'filter: none !important',
  'contain: none !important',
  'z-index: 2147483647 !important',
  'pointer-events: auto !important',
].join('; ');

/** Fonts and colours shared by the dialog and the notices. */
export const BASE_CSS = `
  :host { all: initial; }
  * { box-sizing: border-box; }
  .nospill {
    font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
    color: #1b1f24;
    letter-spacing: normal;
    text-align: left;
    text-transform: none;
    direction: ltr;
  }
  button {
    font: inherit;
    border-radius: 6px;
    border: 1px solid #8c959f;
    background: #f6f8fa;
    color: #1b1f24;
    padding: 6px 14px;
    cursor: pointer;
  }
  button:focus-visible, input:focus-visible, [tabindex]:focus-visible {
    outline: 3px solid #0969da;
    outline-offset: 2px;
  }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
`;

/**
 * @typedef {object} UiHost
 * @property {HTMLElement} host
 * @property {ShadowRoot} root  closed: only nospill holds this reference
 * @property {() => void} remove
 */

/**
 * Creates a host element with a closed shadow root holding `css`, and
 * appends it to the document element (outside <body>, which frameworks
 * often re-render wholesale).
 * @param {string} name  tag name, must contain a hyphen
 * @param {string} css
 * @returns {UiHost}
 */
export function createUiHost(name, css) {
  const host = document.createElement(name);
  host.setAttribute('style', HOST_STYLE);
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = BASE_CSS + css;
  root.append(style);
  (document.documentElement ?? document).appendChild(host);
  hosts.add(host);
  return {
    host,
    root,
    remove() {
      hosts.delete(host);
      host.remove();
    },
  };
}

/**
 * Whether an event happened inside nospill's own UI.
 * @param {Event} event
 */
export function isFromOurUi(event) {
  if (hosts.size === 0) return false;
  for (const target of event.composedPath()) {
    if (target instanceof Element && hosts.has(target)) return true;
  }
  return false;
}

/**
 * Makes sure a host is still in the document (a page may replace its
 * whole tree) and puts it back when it is not.
 * @param {UiHost} ui
 */
export function keepAttached(ui) {
  if (!ui.host.isConnected) (document.documentElement ?? document).appendChild(ui.host);
}

/**
 * Builds an element with text content; never parses HTML, since names and
 * previews come from files.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string>} [attributes]
 * @param {(Node | string)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attributes = {}, children = []) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) element.append(child);
  return element;
}

/**
 * Human size: 512 B, 2.1 KB, 70.0 MB.
 * @param {number} bytes
 */
export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB`;
}
