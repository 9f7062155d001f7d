// Handing an upload back to the page once policy allows it: the ORIGINAL
// File objects (or a redacted copy) put where the page expects them, and a
// synthetic event the page's code (React 19 included) treats like the real
// one. Every event made here is marked with markOurs() so nospill's own
// listeners do not hold it a second time.

import { markOurs } from './synthetic.js';

/**
 * @param {Iterable<File>} files
 * @returns {DataTransfer}
 */
export function transferOf(files) {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  return transfer;
}

/**
 * Empties a file input while its files are held, so a page that reads
 * input.files on its own (not on change) finds nothing yet.
 * @param {HTMLInputElement} input
 */
export function emptyFileInput(input) {
  try {
    input.value = '';
  } catch {
    input.files = new DataTransfer().files;
  }
}

/**
 * Puts files into a file input and fires `input` then `change`, as the
 * browser does when a person picks files.
 * @param {HTMLInputElement} input
 * @param {File[]} files
 */
export function deliverToFileInput(input, files) {
  input.files = transferOf(files).files;
  input.dispatchEvent(markOurs(new Event('input', { bubbles: true, composed: true })));
  input.dispatchEvent(markOurs(new Event('change', { bubbles: true })));
}

/**
 * @typedef {object} PointerInit
 * @property {number} clientX
 * @property {number} clientY
 * @property {number} screenX
 * @property {number} screenY
 * @property {boolean} ctrlKey
 * @property {boolean} shiftKey
 * @property {boolean} altKey
 * @property {boolean} metaKey
 */

/**
 * @param {MouseEvent} event
 * @returns {PointerInit}
 */
export function pointerInitOf(event) {
  const { clientX, clientY, screenX, screenY, ctrlKey, shiftKey, altKey, metaKey } = event;
  return { clientX, clientY, screenX, screenY, ctrlKey, shiftKey, altKey, metaKey };
}

/**
 * Fires a drop carrying `files` (and the drag's other data) at `target`.
 * @param {EventTarget} target
 * @param {File[]} files
 * @param {[string, string][]} strings  the drag's non-file data, type → value
 * @param {PointerInit} init
 */
export function deliverDrop(target, files, strings, init) {
  const transfer = transferOf(files);
  for (const [type, value] of strings) transfer.setData(type, value);
  transfer.dropEffect = 'copy';
  target.dispatchEvent(
    markOurs(
      new DragEvent('drop', { ...init, bubbles: true, cancelable: true, composed: true, dataTransfer: transfer }),
    ),
  );
}

/**
 * Tells a page whose drop was refused that the drag is over, so a
 * "drop files here" overlay does not stay up.
 * @param {EventTarget} target
 * @param {PointerInit} init
 */
export function endDrag(target, init) {
  const transfer = new DataTransfer();
  target.dispatchEvent(
    markOurs(
      new DragEvent('dragleave', { ...init, bubbles: true, cancelable: true, composed: true, dataTransfer: transfer }),
    ),
  );
}

/**
 * @typedef {object} PasteContent
 * @property {string | null} text   text/plain, or null for none
 * @property {string | null} html   text/html, or null for none
 * @property {File[]} files
 */

/**
 * Fires a paste at `target`. When the page does not handle it (most plain
 * textareas), inserts the text the way the browser would have.
 * @param {Element} target
 * @param {PasteContent} content
 */
export function deliverPaste(target, content) {
  const transfer = transferOf(content.files);
  if (content.text !== null) transfer.setData('text/plain', content.text);
  if (content.html !== null) transfer.setData('text/html', content.html);
  const event = markOurs(
    new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData: transfer }),
  );
  const notHandled = target.dispatchEvent(event);
  if (notHandled && content.text) insertText(target, content.text);
}

/**
 * Whether an element takes typed text.
 * @param {Element | null} element
 * @returns {element is HTMLTextAreaElement | HTMLInputElement | HTMLElement}
 */
export function isEditable(element) {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement) return !element.readOnly && !element.disabled;
  if (element instanceof HTMLInputElement) {
    const textual = ['text', 'search', 'url', 'email', 'tel', 'password', ''].includes(element.type);
    return textual && !element.readOnly && !element.disabled;
  }
  return element instanceof HTMLElement && element.isContentEditable;
}

/**
 * Inserts text at the caret of `target` with the editing command, which
 * keeps undo and fires the input events editors listen to.
 * @param {Element} target
 * @param {string} text
 */
export function insertText(target, text) {
  if (!isEditable(target)) return;
  if (document.activeElement !== target && target instanceof HTMLElement) target.focus({ preventScroll: true });
  // execCommand is deprecated but still the only way to insert text as
  // typing does (undo stack, beforeinput/input for editors).
  if (document.execCommand('insertText', false, text)) return;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) {
    target.setRangeText(
      text,
      target.selectionStart ?? target.value.length,
      target.selectionEnd ?? target.value.length,
      'end',
    );
    target.dispatchEvent(
      markOurs(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text })),
    );
  }
}

/**
 * The text a composer holds.
 * @param {HTMLElement} composer
 */
export function composerText(composer) {
  if (composer instanceof HTMLTextAreaElement || composer instanceof HTMLInputElement) return composer.value;
  return composer.innerText;
}

/**
 * Replaces everything in a composer, in a way frameworks notice.
 * @param {HTMLElement} composer
 * @param {string} text
 */
export function replaceComposerText(composer, text) {
  composer.focus({ preventScroll: true });
  if (composer instanceof HTMLTextAreaElement || composer instanceof HTMLInputElement) {
    composer.select();
    if (!document.execCommand('insertText', false, text)) {
      // The native setter, not the page's: React's value tracker then sees a change.
      const proto =
        composer instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(composer, text);
      composer.dispatchEvent(markOurs(new Event('input', { bubbles: true, composed: true })));
    }
    return;
  }
  const selection = window.getSelection();
  if (selection) {
    const range = document.createRange();
    range.selectNodeContents(composer);
    selection.removeAllRanges();
    selection.addRange(range);
  }
  if (!document.execCommand('insertText', false, text)) composer.textContent = text;
}

/**
 * @typedef {object} KeyInit
 * @property {string} key
 * @property {string} code
 * @property {number} keyCode
 * @property {number} location
 * @property {boolean} ctrlKey
 * @property {boolean} shiftKey
 * @property {boolean} altKey
 * @property {boolean} metaKey
 * @property {boolean} repeat
 */

/**
 * @param {KeyboardEvent} event
 * @returns {KeyInit}
 */
export function keyInitOf(event) {
  const { key, code, keyCode, location, ctrlKey, shiftKey, altKey, metaKey, repeat } = event;
  return { key, code, keyCode, location, ctrlKey, shiftKey, altKey, metaKey, repeat };
}

/**
 * Replays a held Enter: keydown and keypress as the page would have seen
 * them. When no page code claims the key (preventDefault), does what the
 * browser would have done: a new line.
 * @param {HTMLElement} target
 * @param {KeyInit} init
 */
export function deliverEnter(target, init) {
  const options = { ...init, bubbles: true, cancelable: true, composed: true, which: init.keyCode, charCode: 0 };
  const down = markOurs(new KeyboardEvent('keydown', options));
  if (!target.dispatchEvent(down)) return;
  const press = markOurs(new KeyboardEvent('keypress', { ...options, charCode: 13 }));
  if (!target.dispatchEvent(press)) return;
  if (!target.isConnected || !isEditable(target)) return;
  if (target instanceof HTMLTextAreaElement) insertText(target, '\n');
  else if (target.isContentEditable) document.execCommand('insertParagraph');
}
