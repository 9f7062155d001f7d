// Driving pages the way a person would: files picked, dropped or pasted by
// real (trusted) browser input, and nospill's dialog, which sits in a CLOSED
// shadow root, found through the DevTools protocol (DOM.getDocument with
// pierce: true sees closed roots) and used with the real mouse and keyboard.

/** @typedef {import('playwright-core').Page} Page */

/** @type {WeakMap<Page, import('playwright-core').CDPSession>} */
const sessions = new WeakMap();

/** @param {Page} page */
async function cdp(page) {
  let session = sessions.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

/**
 * @typedef {object} DomNode
 * @property {number} nodeId
 * @property {number} backendNodeId
 * @property {number} nodeType
 * @property {string} nodeName
 * @property {string} nodeValue
 * @property {string[]} [attributes]
 * @property {DomNode[]} [children]
 * @property {DomNode[]} [shadowRoots]
 * @property {DomNode} [contentDocument]
 */

/**
 * Every node under `node`, shadow roots (closed ones too) included.
 * @param {DomNode} node
 * @returns {Generator<DomNode>}
 */
function* walk(node) {
  yield node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) yield* walk(child);
}

/** @param {DomNode} node */
function attributesOf(node) {
  /** @type {Record<string, string>} */
  const out = {};
  const list = node.attributes ?? [];
  for (let i = 0; i + 1 < list.length; i += 2) out[list[i]] = list[i + 1];
  return out;
}

/** @param {DomNode} node */
function textOf(node) {
  if (node.nodeName === 'STYLE') return '';
  if (node.nodeType === 3) return node.nodeValue.replace(/\s+/g, ' ').trim();
  return [...(node.shadowRoots ?? []), ...(node.children ?? [])]
    .map(textOf)
    .filter(Boolean)
    .join(' ');
}

/**
 * The nodes of nospill's UI host `tag` (e.g. NOSPILL-DIALOG), or [] when none is on the page.
 * @param {Page} page
 * @param {string} tag
 */
async function hosts(page, tag) {
  const session = await cdp(page);
  const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
  return [...walk(/** @type {DomNode} */ (root))].filter((n) => n.nodeName === tag);
}

/**
 * @typedef {object} DialogView
 * @property {string} text    everything the dialog shows
 * @property {Record<string, number>} buttons  data-action → backendNodeId
 * @property {number | null} reason  the reason input's backendNodeId
 */

/**
 * The open dialog, or null.
 * @param {Page} page
 * @returns {Promise<DialogView | null>}
 */
export async function dialog(page) {
  for (const host of await hosts(page, 'NOSPILL-DIALOG')) {
    const nodes = [...walk(host)];
    const box = nodes.find((n) => n.nodeName === 'DIALOG' && 'open' in attributesOf(n));
    if (!box) continue;
    /** @type {Record<string, number>} */
    const buttons = {};
    let reason = null;
    for (const n of walk(box)) {
      const attrs = attributesOf(n);
      if (n.nodeName === 'BUTTON' && attrs['data-action']) buttons[attrs['data-action']] = n.backendNodeId;
      if (n.nodeName === 'INPUT') reason = n.backendNodeId;
    }
    return { text: textOf(box), buttons, reason };
  }
  return null;
}

/**
 * Waits for the dialog to open.
 * @param {Page} page
 * @param {number} [timeoutMs]
 */
export async function waitForDialog(page, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await dialog(page);
    if (view) return view;
    if (Date.now() > deadline) throw new Error('the nospill dialog did not open');
    await page.waitForTimeout(100);
  }
}

/**
 * Waits until no dialog is open.
 * @param {Page} page
 */
export async function waitForDialogClosed(page, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (await dialog(page)) {
    if (Date.now() > deadline) throw new Error('the nospill dialog stayed open');
    await page.waitForTimeout(100);
  }
}

/**
 * Clicks a node (by backendNodeId) with the real mouse.
 * @param {Page} page
 * @param {number} backendNodeId
 */
export async function clickNode(page, backendNodeId) {
  const session = await cdp(page);
  const { model } = await session.send('DOM.getBoxModel', { backendNodeId });
  const [x1, y1, , , x3, y3] = model.content;
  await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
}

/**
 * Clicks one of the dialog's buttons: 'cancel', 'override' or 'redact'.
 * @param {Page} page
 * @param {string} action
 */
export async function clickDialogButton(page, action) {
  const view = await waitForDialog(page);
  const node = view.buttons[action];
  if (!node) throw new Error(`the dialog offers no "${action}" (it offers ${Object.keys(view.buttons).join(', ')})`);
  await clickNode(page, node);
}

/**
 * Types a reason into the dialog's reason field with the keyboard.
 * @param {Page} page
 * @param {string} reason
 */
export async function typeReason(page, reason) {
  const view = await waitForDialog(page);
  if (view.reason === null) throw new Error('the dialog has no reason field');
  await clickNode(page, view.reason);
  await page.keyboard.type(reason);
}

/**
 * Text of the notices (toasts and banner) on the page.
 * @param {Page} page
 */
export async function notices(page) {
  return (await hosts(page, 'NOSPILL-NOTICES')).map(textOf).join(' ');
}

/**
 * Waits until a notice containing `fragment` shows.
 * @param {Page} page
 * @param {string | RegExp} fragment
 */
export async function waitForNotice(page, fragment, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await notices(page);
    if (typeof fragment === 'string' ? text.includes(fragment) : fragment.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`no nospill notice matching ${fragment} (notices: ${text || 'none'})`);
    await page.waitForTimeout(100);
  }
}

/**
 * Drops files from disk on the element at `selector` with real drag
 * events (Input.dispatchDragEvent), as a person dragging from a file manager.
 * @param {Page} page
 * @param {string} selector
 * @param {string[]} paths
 */
export async function dropFiles(page, selector, paths) {
  const session = await cdp(page);
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`nothing to drop on: ${selector}`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop']) {
    await session.send('Input.dispatchDragEvent', { type, x, y, data });
  }
}

/**
 * Puts `text` on the clipboard and pastes it into `selector` with Ctrl+V.
 * @param {Page} page
 * @param {string} selector
 * @param {string} text
 */
export async function pasteText(page, selector, text) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.locator(selector).focus();
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.keyboard.press('Control+V');
}

/**
 * Waits until `predicate` holds, polling.
 * @param {() => boolean | Promise<boolean>} predicate
 * @param {string} what  for the error message
 */
export async function until(predicate, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The page's record of calls to its own upload/message handlers.
 * @param {Page} page
 * @returns {Promise<any[]>}
 */
export function handlerCalls(page) {
  return page.evaluate(() => window.handlerCalls);
}
