// nospill page-world hook (classic script, MAIN world, document_start).
//
// Window listeners cannot see file inputs that are never in the document or
// that sit in shadow roots, nor files a page gets from the File System Access
// pickers. This hook wraps the ways a page opens a picker and tells the
// content script (a MouseEvent on window whose relatedTarget carries the
// element, dispatched at document; the content script claims it with
// preventDefault and stops it, so page listeners never see it):
//   - HTMLInputElement.prototype.click / showPicker on a file input
//     → detail 1 with the input: the content script adds its listeners to it;
//   - window.showOpenFilePicker / showDirectoryPicker
//     → the picked files go into a private, detached carrier input, detail 2:
//       the content script scans them and answers on the carrier with the
//       indices it allows; the page gets only those handles (none: AbortError).
// Nothing here carries a scan result or file content onto the page; the page
// gets the same handles it asked for, or fewer.
(() => {
  const INSTALLED = Symbol.for('nospill.page-hook');
  const global = /** @type {any} */ (window);
  if (global[INSTALLED]) return;
  Object.defineProperty(global, INSTALLED, { value: true });

  /** MSG.PAGE_PICKER in src/shared/protocol.js; PICKER and CARRIER_* in capture.js. */
  const EVENT = 'nospill/page-picker';
  const OPENED = 1;
  const FILES = 2;
  const CARRIER_ALLOW = 'data-nospill-allow';
  const CARRIER_TRUNCATED = 'data-nospill-truncated';
  /** Longest a picker's files wait for an answer; the content script's own hold limit is far shorter. */
  const MAX_WAIT_MS = 10 * 60 * 1000;
  /** Bounds on walking a picked directory. */
  const MAX_FILES = 2000;
  const MAX_DEPTH = 32;
  const MAX_BYTES = 512 * 1024 * 1024;

  // Originals taken before any page script runs, so a page cannot redirect them.
  const dispatch = EventTarget.prototype.dispatchEvent;
  const addListener = EventTarget.prototype.addEventListener;
  const createElement = Document.prototype.createElement;
  const setAttribute = Element.prototype.setAttribute;
  const getAttribute = Element.prototype.getAttribute;
  const typeGetter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'type')?.get;
  const filesSetter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'files')?.set;
  const MouseEventCtor = MouseEvent;
  const DataTransferCtor = DataTransfer;
  const DOMExceptionCtor = DOMException;
  const doc = document;

  /**
   * @param {unknown} element
   * @returns {element is HTMLInputElement}
   */
  const isFileInput = (element) =>
    element instanceof HTMLInputElement && typeGetter !== undefined && typeGetter.call(element) === 'file';

  /**
   * Tells the content script; true when it claimed the event. Dispatched at
   * document: the live content script listens on window (capture, first),
   * an orphaned one's fallback on document (only if nobody claimed it).
   * @param {Element} target
   * @param {number} detail
   */
  const announce = (target, detail) =>
    !dispatch.call(doc, new MouseEventCtor(EVENT, { relatedTarget: target, detail, cancelable: true }));

  /**
   * Replaces a method, keeping the original's name and length.
   * @param {any} owner
   * @param {string} name
   * @param {(original: Function) => Function} wrap
   */
  const replace = (owner, name, wrap) => {
    const original = owner[name];
    if (typeof original !== 'function') return;
    const wrapped = wrap(original);
    Object.defineProperty(wrapped, 'name', { value: original.name });
    Object.defineProperty(wrapped, 'length', { value: original.length });
    Object.defineProperty(owner, name, { value: wrapped, writable: true, configurable: true, enumerable: false });
  };

  replace(
    HTMLInputElement.prototype,
    'click',
    (original) =>
      /** @this {HTMLInputElement} */
      function click() {
        if (isFileInput(this)) announce(this, OPENED);
        return original.call(this);
      },
  );
  replace(
    HTMLInputElement.prototype,
    'showPicker',
    (original) =>
      /** @this {HTMLInputElement} */
      function showPicker() {
        if (isFileInput(this)) announce(this, OPENED);
        return original.call(this);
      },
  );

  const aborted = () => new DOMExceptionCtor('The user aborted a request.', 'AbortError');

  /**
   * Hands files to the content script and waits for the indices it allows.
   * @param {File[]} files
   * @param {string | null} truncated
   * @returns {Promise<Set<number>>}
   */
  const check = (files, truncated) =>
    new Promise((resolve) => {
      const carrier = /** @type {HTMLInputElement} */ (createElement.call(doc, 'input'));
      setAttribute.call(carrier, 'type', 'file');
      setAttribute.call(carrier, 'multiple', '');
      const transfer = new DataTransferCtor();
      for (const file of files) transfer.items.add(file);
      filesSetter?.call(carrier, transfer.files);
      if (truncated) setAttribute.call(carrier, CARRIER_TRUNCATED, truncated);
      const timer = setTimeout(() => resolve(new Set()), MAX_WAIT_MS);
      addListener.call(
        carrier,
        'change',
        () => {
          clearTimeout(timer);
          const answer = getAttribute.call(carrier, CARRIER_ALLOW) ?? '';
          resolve(new Set(answer.split(',').filter(Boolean).map(Number)));
        },
        { once: true },
      );
      // Unclaimed: nospill's content script is not running here, so nothing
      // can be checked; the page gets nothing rather than unchecked files.
      if (!announce(carrier, FILES)) {
        clearTimeout(timer);
        resolve(new Set());
      }
    });

  replace(
    window,
    'showOpenFilePicker',
    (original) =>
      /** @this {unknown} */
      async function showOpenFilePicker(/** @type {unknown[]} */ ...args) {
        const handles = /** @type {any[]} */ (await original.apply(this, args));
        const files = /** @type {File[]} */ (await Promise.all(handles.map((handle) => handle.getFile())));
        const allowed = await check(files, null);
        const kept = handles.filter((_, i) => allowed.has(i));
        if (kept.length === 0) throw aborted();
        return kept;
      },
  );

  /**
   * Every file under a directory handle, within limits.
   * @param {any} directory
   * @returns {Promise<{files: File[], truncated: string | null}>}
   */
  const walk = async (directory) => {
    /** @type {File[]} */
    const files = [];
    let bytes = 0;
    /** @type {[any, number][]} */
    const stack = [[directory, 0]];
    while (stack.length > 0) {
      const [dir, depth] = /** @type {[any, number]} */ (stack.pop());
      for await (const handle of dir.values()) {
        if (handle.kind === 'directory') {
          if (depth + 1 > MAX_DEPTH) return { files, truncated: `folders nested deeper than ${MAX_DEPTH}` };
          stack.push([handle, depth + 1]);
        } else {
          if (files.length >= MAX_FILES) return { files, truncated: `more than ${MAX_FILES} files` };
          const file = /** @type {File} */ (await handle.getFile());
          bytes += file.size;
          if (bytes > MAX_BYTES) return { files, truncated: `more than ${MAX_BYTES / 1024 / 1024} MB in total` };
          files.push(file);
        }
      }
    }
    return { files, truncated: null };
  };

  replace(
    window,
    'showDirectoryPicker',
    (original) =>
      /** @this {unknown} */
      async function showDirectoryPicker(/** @type {unknown[]} */ ...args) {
        const directory = await original.apply(this, args);
        const { files, truncated } = await walk(directory);
        const allowed = await check(files, truncated);
        // A directory handle cannot be filtered: all of it or nothing.
        if (allowed.size !== files.length) throw aborted();
        return directory;
      },
  );
})();
