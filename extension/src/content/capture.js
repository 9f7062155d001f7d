// Where uploads are caught. Capture-phase listeners on window, added at
// document_start before any page script, see a file input's `input` and
// `change`, a `drop`, a `paste` and Enter in a composer before the page
// does. The event is stopped, its files or text are held (hold.js), and what
// policy allows is handed back with a synthetic event (reinject.js).
//
// Window listeners miss two kinds of file input: detached ones (never in the
// document) and ones inside shadow roots (`change` does not cross a shadow
// boundary). The page-world hook (page-hook.js) announces every file input
// it sees opened, and the window `click` listener sees clicks on shadow
// hosts; both lead here to listeners on the input, its detached root or its
// shadow roots (reached with chrome.dom.openOrClosedShadowRoot, closed ones
// too).

import { MSG } from '../shared/protocol.js';
import { createLogger } from '../shared/logger.js';
import { FOLDER_LIMITS, walkEntries } from './folders.js';
import { isOurs, markOurs } from './synthetic.js';
import { isFromOurUi } from './ui-host.js';
import {
  composerText,
  deliverDrop,
  deliverEnter,
  deliverPaste,
  deliverToFileInput,
  emptyFileInput,
  endDrag,
  isEditable,
  keyInitOf,
  pointerInitOf,
  replaceComposerText,
} from './reinject.js';

/** @typedef {import('../shared/protocol.js').Policy} Policy */
/** @typedef {import('./hold.js').HeldItem} HeldItem */
/** @typedef {import('./hold.js').ItemOutcome} ItemOutcome */
/** @typedef {import('./hold.js').HoldRequest} HoldRequest */

const log = createLogger('content/capture');

/**
 * What the page-world hook says in its MouseEvent's `detail`. page-hook.js
 * repeats these numbers (it cannot import modules).
 */
export const PICKER = Object.freeze({
  /** a file input is about to open its picker; relatedTarget is the input (or its outermost shadow host) */
  OPENED: 1,
  /** files from showOpenFilePicker/showDirectoryPicker; relatedTarget is a private carrier input */
  FILES: 2,
});

/** Attribute on the hook's carrier input that receives the indices allowed. */
export const CARRIER_ALLOW = 'data-nospill-allow';
/** Attribute on the carrier set by the hook when a directory walk hit a limit. */
export const CARRIER_TRUNCATED = 'data-nospill-truncated';

/** Most elements visited when looking for shadow roots under one host. */
const MAX_SHADOW_WALK = 20_000;
/** Messages known to be fine (checked while typed, or allowed), so their Enter passes untouched. */
const REMEMBERED_MESSAGES = 16;
/** Pause in typing after which a composer's text is checked ahead of Enter. */
const PRESCAN_DELAY_MS = 150;
/** Longest composer text checked while typing; longer ones are checked at Enter. */
const PRESCAN_MAX_CHARS = 200_000;

/**
 * @typedef {object} CaptureDeps
 * @property {{run: (request: HoldRequest) => Promise<void>, dialog: import('./dialog.js').Dialog | null}} holds
 * @property {() => Policy | null} policyNow  the last known policy, null before the first answer
 * @property {(items: HeldItem[]) => void} audit  audit mode: scan and record without holding
 * @property {() => void} checkAlive  notices an orphaned script before it holds anything
 * @property {(text: string) => Promise<boolean>} prescan  whether a composer's text would go through untouched
 */

export class Capture {
  /** @type {CaptureDeps} */
  #deps;
  /** @type {{target: EventTarget, type: string, listener: (event: any) => void}[]} */
  #listeners = [];
  /** Inputs, detached roots and shadow roots that already have listeners. */
  /** @type {WeakSet<EventTarget>} */
  #watched = new WeakSet();
  /** File inputs whose files are held right now. */
  /** @type {WeakSet<HTMLInputElement>} */
  #heldInputs = new WeakSet();
  /** @type {string[]} */
  #allowedMessages = [];
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #prescanTimer;
  #installed = false;

  /** Where the top-level listeners go: window, or document for a guard. */
  /** @type {Window | Document} */
  #root;
  #guard;

  /**
   * @param {CaptureDeps} deps
   * @param {{guard?: boolean}} [options]  guard: the fallback of an orphaned
   *   script. Its listeners sit on document instead of window, so that a
   *   newer content script's window listeners (capture runs window first)
   *   claim each event before it; the guard acts only on what nobody else
   *   took. It leaves typed messages and the dialog keyboard alone.
   */
  constructor(deps, options = {}) {
    this.#deps = deps;
    this.#guard = options.guard ?? false;
    this.#root = this.#guard ? document : window;
  }

  install() {
    if (this.#installed) return;
    this.#installed = true;
    const root = this.#root;
    const onFileEvent = (/** @type {Event} */ event) => this.#onFileInputEvent(event);
    this.#listen(root, 'input', (event) => {
      this.#onFileInputEvent(event);
      if (!this.#guard) this.#onComposerInput(event);
    });
    this.#listen(root, 'change', onFileEvent);
    this.#listen(root, 'drop', (event) => this.#onDrop(event));
    this.#listen(root, 'paste', (event) => this.#onPaste(event));
    if (!this.#guard) {
      for (const type of ['keydown', 'keypress', 'keyup']) this.#listen(root, type, (event) => this.#onKey(event));
      this.#listen(root, 'focusin', (event) => this.#onFocusIn(event));
    }
    this.#listen(root, 'click', (event) => this.#onClick(event));
    // The hook dispatches at document: window (capture) hears it first, then document.
    this.#listen(root, MSG.PAGE_PICKER, (event) => this.#onPagePicker(event));
  }

  /** Removes every listener this capture added, on window and elsewhere. */
  dispose() {
    clearTimeout(this.#prescanTimer);
    for (const { target, type, listener } of this.#listeners) target.removeEventListener(type, listener, true);
    this.#listeners = [];
    this.#watched = new WeakSet();
    this.#installed = false;
  }

  /**
   * @param {EventTarget} target
   * @param {string} type
   * @param {(event: any) => void} listener
   */
  #listen(target, type, listener) {
    target.addEventListener(type, listener, true);
    this.#listeners.push({ target, type, listener });
  }

  /** Holding is off when the page is not protected or the policy only audits. */
  #mode() {
    this.#deps.checkAlive();
    const policy = this.#deps.policyNow();
    if (policy && !policy.protected) return 'pass';
    if (policy?.mode === 'audit') return 'audit';
    return 'hold';
  }

  // ── file inputs ──────────────────────────────────────────────────────────

  /** @param {Event} event */
  #onFileInputEvent(event) {
    if (!event.isTrusted || isOurs(event)) return;
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'file') return;
    const files = [...(input.files ?? [])];
    if (this.#heldInputs.has(input) && files.length === 0) {
      // The other half of input+change for files already held.
      event.stopImmediatePropagation();
      return;
    }
    if (files.length === 0) return;
    const mode = this.#mode();
    if (mode === 'pass') return;
    if (mode === 'audit') {
      if (event.type === 'change') this.#deps.audit(files.map(fileItem));
      return;
    }
    event.stopImmediatePropagation();
    emptyFileInput(input);
    this.#heldInputs.add(input);
    const request = {
      source: 'file upload',
      items: files.slice(0, FOLDER_LIMITS.maxFiles).map(fileItem),
      incomplete: files.length > FOLDER_LIMITS.maxFiles ? `more than ${FOLDER_LIMITS.maxFiles} files` : null,
      /** @param {ItemOutcome[]} outcomes */
      finish: (outcomes) => {
        this.#heldInputs.delete(input);
        const allowed = allowedFiles(request.items, outcomes);
        if (allowed.length > 0) deliverToFileInput(input, allowed);
      },
    };
    void this.#deps.holds.run(request);
  }

  /**
   * Listens for input/change on a file input the window cannot see, and on
   * its root when that is a detached tree or a shadow root.
   * @param {HTMLInputElement} input
   */
  watchInput(input) {
    const onFileEvent = (/** @type {Event} */ event) => this.#onFileInputEvent(event);
    const root = input.getRootNode();
    for (const target of [input, root === document ? null : root]) {
      if (!target || this.#watched.has(target)) continue;
      this.#watched.add(target);
      this.#listen(target, 'input', onFileEvent);
      this.#listen(target, 'change', onFileEvent);
    }
  }

  /**
   * Adds listeners to every shadow root under `host` (open or closed), so
   * a file input inside is caught however deep it sits.
   * @param {Element} host
   */
  watchShadowTree(host) {
    const onFileEvent = (/** @type {Event} */ event) => this.#onFileInputEvent(event);
    /** @type {Element[]} */
    const hosts = [host];
    let visited = 0;
    while (hosts.length > 0 && visited < MAX_SHADOW_WALK) {
      const next = /** @type {Element} */ (hosts.pop());
      const root = shadowRootOf(next);
      if (!root) continue;
      if (!this.#watched.has(root)) {
        this.#watched.add(root);
        this.#listen(root, 'input', onFileEvent);
        this.#listen(root, 'change', onFileEvent);
      }
      for (const element of root.querySelectorAll('*')) {
        if (++visited > MAX_SHADOW_WALK) break;
        if (shadowRootOf(element)) hosts.push(element);
      }
    }
  }

  /** @param {MouseEvent} event */
  #onClick(event) {
    if (isFromOurUi(event)) return;
    const target = event.target;
    if (target instanceof Element && shadowRootOf(target)) this.watchShadowTree(target);
  }

  /** @param {MouseEvent} event */
  #onPagePicker(event) {
    if (!(event instanceof MouseEvent)) return;
    // Claim it (the hook learns someone is here) and keep it from the page.
    event.preventDefault();
    event.stopImmediatePropagation();
    const target = event.relatedTarget;
    if (event.detail === PICKER.OPENED) {
      if (target instanceof HTMLInputElement) this.watchInput(target);
      else if (target instanceof Element) this.watchShadowTree(target);
    } else if (event.detail === PICKER.FILES && target instanceof HTMLInputElement) {
      this.#holdPickedFiles(target);
    }
  }

  /**
   * Files the page asked for through showOpenFilePicker/showDirectoryPicker,
   * held by the hook until we answer on its private carrier input.
   * @param {HTMLInputElement} carrier
   */
  #holdPickedFiles(carrier) {
    const files = [...(carrier.files ?? [])];
    const answer = (/** @type {number[]} */ allowed) => {
      carrier.setAttribute(CARRIER_ALLOW, allowed.join(','));
      carrier.dispatchEvent(markOurs(new Event('change')));
    };
    const mode = this.#mode();
    if (mode !== 'hold') {
      if (mode === 'audit') this.#deps.audit(files.map(fileItem));
      answer(files.map((_, i) => i));
      return;
    }
    void this.#deps.holds.run({
      source: 'file picker',
      items: files.map((file) => ({ ...fileItem(file), redactable: false })),
      incomplete: carrier.getAttribute(CARRIER_TRUNCATED),
      finish: (outcomes) => answer(outcomes.flatMap((o, i) => (o.allowed ? [i] : []))),
    });
  }

  // ── drag and drop ────────────────────────────────────────────────────────

  /** @param {DragEvent} event */
  #onDrop(event) {
    if (!event.isTrusted || isOurs(event) || isFromOurUi(event)) return;
    const transfer = event.dataTransfer;
    if (!transfer || !transfer.types.includes('Files')) return;
    const mode = this.#mode();
    if (mode === 'pass') return;

    // Everything must be taken now: the data is gone once the event returns.
    /** @type {File[]} */
    const files = [];
    /** @type {FileSystemEntry[]} */
    const folders = [];
    for (const item of transfer.items) {
      if (item.kind !== 'file') continue;
      const entry = item.webkitGetAsEntry?.();
      if (entry?.isDirectory) folders.push(entry);
      else {
        const file = item.getAsFile();
        if (file) files.push(file);
      }
    }
    if (mode === 'audit') {
      this.#deps.audit(files.map(fileItem));
      return;
    }
    /** @type {[string, string][]} */
    const strings = transfer.types.filter((t) => t !== 'Files').map((t) => [t, transfer.getData(t)]);
    const init = pointerInitOf(event);
    const target = deepTarget(event);
    event.stopImmediatePropagation();
    event.preventDefault();

    void (async () => {
      const walked = folders.length > 0 ? await walkEntries(folders) : { files: [], truncated: null };
      /** @type {HeldItem[]} */
      const items = [
        ...files.map(fileItem),
        ...walked.files.map(({ file, path }) => ({ ...fileItem(file), label: path })),
      ];
      await this.#deps.holds.run({
        source: 'drop',
        items,
        incomplete: walked.truncated,
        finish: (outcomes) => {
          const allowed = allowedFiles(items, outcomes);
          const at = liveTarget(target, init);
          if (at instanceof HTMLInputElement && at.type === 'file') {
            if (allowed.length > 0) deliverToFileInput(at, allowed);
          } else if (allowed.length > 0) {
            deliverDrop(at, allowed, strings, init);
          } else {
            endDrag(at, init);
          }
        },
      });
    })().catch((err) => log.error('drop handling failed', { error: err }));
  }

  // ── paste ────────────────────────────────────────────────────────────────

  /** @param {ClipboardEvent} event */
  #onPaste(event) {
    if (isFromOurUi(event)) {
      // Typing a reason in the dialog: the page must not see (or cancel) it.
      event.stopImmediatePropagation();
      return;
    }
    if (!event.isTrusted || isOurs(event)) return;
    const data = event.clipboardData;
    if (!data) return;
    const files = [...data.files];
    const text = data.types.includes('text/plain') ? data.getData('text/plain') : null;
    const html = data.types.includes('text/html') ? data.getData('text/html') : null;
    if (files.length === 0 && !text && !html) return;
    const mode = this.#mode();
    if (mode === 'pass') return;
    /** @type {HeldItem[]} */
    const items = files.map(fileItem);
    const textAt = text ? items.push(textItem(text, 'pasted text')) - 1 : -1;
    const htmlAt = html ? items.push({ ...textItem(html, 'pasted formatted text'), companion: textAt >= 0 }) - 1 : -1;
    if (htmlAt >= 0 && textAt < 0) items[htmlAt].redactable = false;
    if (mode === 'audit') {
      this.#deps.audit(items);
      return;
    }
    const target = deepTarget(event);
    event.stopImmediatePropagation();
    event.preventDefault();
    void this.#deps.holds.run({
      source: 'paste',
      items,
      finish: async (outcomes) => {
        const keptFiles = allowedFiles(items.slice(0, files.length), outcomes.slice(0, files.length));
        /** @type {string | null} */
        let keptText = null;
        if (textAt >= 0 && outcomes[textAt].allowed) {
          const copy = outcomes[textAt].replacement;
          keptText = copy ? await copy.text() : text;
        }
        // Formatted text only when the plain text went through unchanged and it is clean too.
        const keepHtml =
          htmlAt >= 0 &&
          outcomes[htmlAt].allowed &&
          (textAt < 0 || (outcomes[textAt].allowed && !outcomes[textAt].replacement));
        if (keptFiles.length === 0 && keptText === null && !keepHtml) return;
        const at = liveTarget(target, null);
        deliverPaste(at, { text: keptText, html: keepHtml ? html : null, files: keptFiles });
      },
    });
  }

  // ── keys: composer Enter, and the dialog's keyboard ─────────────────────

  /** @param {KeyboardEvent} event */
  #onKey(event) {
    const dialog = this.#deps.holds.dialog;
    if (isFromOurUi(event) || (dialog && event.type === 'keydown' && !isOurs(event))) {
      // Keys in the dialog are the dialog's alone: the page sees none of them.
      event.stopImmediatePropagation();
      if (dialog) {
        dialog.refocus();
        dialog.handleKey(event);
      }
      return;
    }
    if (event.type !== 'keydown' || !event.isTrusted || isOurs(event)) return;
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.isComposing || event.keyCode === 229) return;
    const composer = deepTarget(event);
    if (!(composer instanceof HTMLElement) || !isEditable(composer) || composer instanceof HTMLInputElement) return;
    const text = composerText(composer);
    if (text.trim() === '' || this.#allowedMessages.includes(text)) return;
    const mode = this.#mode();
    if (mode === 'pass') return;
    if (mode === 'audit') {
      this.#deps.audit([textItem(text, 'message')]);
      return;
    }
    const init = keyInitOf(event);
    event.stopImmediatePropagation();
    event.preventDefault();
    void this.#deps.holds.run({
      source: 'message',
      items: [textItem(text, 'message')],
      finish: async ([outcome]) => {
        if (!outcome.allowed || !composer.isConnected) return;
        // Typed on while it was checked: that text is unchecked, so send nothing.
        if (composerText(composer) !== text) return;
        if (outcome.replacement) replaceComposerText(composer, await outcome.replacement.text());
        this.#rememberMessage(composerText(composer));
        deliverEnter(composer, init);
      },
    });
  }

  /**
   * Checks a composer's text when typing pauses, so that Enter on text
   * already known to be fine is the person's own key, untouched (some
   * editors ignore synthetic keys). Text typed after the check, or an Enter
   * that comes first, goes through the hold as before.
   * @param {Event} event
   */
  #onComposerInput(event) {
    if (!event.isTrusted || isOurs(event) || isFromOurUi(event)) return;
    const composer = deepTarget(event);
    if (!(composer instanceof HTMLElement) || composer instanceof HTMLInputElement || !isEditable(composer)) return;
    clearTimeout(this.#prescanTimer);
    this.#prescanTimer = setTimeout(() => {
      const text = composerText(composer);
      if (text.trim() === '' || text.length > PRESCAN_MAX_CHARS || this.#allowedMessages.includes(text)) return;
      void this.#deps
        .prescan(text)
        .then((fine) => {
          if (fine) this.#rememberMessage(text);
        })
        .catch(() => {});
    }, PRESCAN_DELAY_MS);
  }

  /** @param {string} text */
  #rememberMessage(text) {
    this.#allowedMessages.push(text);
    if (this.#allowedMessages.length > REMEMBERED_MESSAGES) this.#allowedMessages.shift();
  }

  /** @param {FocusEvent} event */
  #onFocusIn(event) {
    const dialog = this.#deps.holds.dialog;
    if (dialog && !isFromOurUi(event)) dialog.refocus();
  }
}

/**
 * @param {File} file
 * @returns {HeldItem}
 */
function fileItem(file) {
  return { kind: 'file', label: file.name, blob: file, redactable: true };
}

/**
 * @param {string} text
 * @param {string} label
 * @returns {HeldItem}
 */
function textItem(text, label) {
  return { kind: 'text', label, blob: new Blob([text], { type: 'text/plain' }), redactable: true };
}

/**
 * The files to hand back: the originals, or their redacted copies.
 * @param {HeldItem[]} items
 * @param {ItemOutcome[]} outcomes
 * @returns {File[]}
 */
function allowedFiles(items, outcomes) {
  /** @type {File[]} */
  const out = [];
  items.forEach((item, i) => {
    const outcome = outcomes[i];
    if (!outcome?.allowed) return;
    const blob = outcome.replacement ?? item.blob;
    out.push(blob instanceof File ? blob : new File([blob], item.label, { type: blob.type }));
  });
  return out;
}

/**
 * @param {Element} element
 * @returns {ShadowRoot | null}
 */
function shadowRootOf(element) {
  try {
    return chrome.dom.openOrClosedShadowRoot(/** @type {HTMLElement} */ (element)) ?? null;
  } catch {
    return element.shadowRoot;
  }
}

/**
 * The element an event really happened at, inside closed shadow roots too
 * (composedPath() stops at a closed root's host): by pointer position for
 * mouse and drag events, by focus for keys and paste.
 * @param {Event} event
 * @returns {Element}
 */
function deepTarget(event) {
  const first = event.composedPath()[0];
  let node = first instanceof Element ? first : (document.activeElement ?? document.documentElement);
  const pointer = event instanceof MouseEvent;
  for (let depth = 0; depth < 32; depth++) {
    const root = shadowRootOf(node);
    if (!root) break;
    const inner = pointer
      ? root.elementFromPoint(/** @type {MouseEvent} */ (event).clientX, /** @type {MouseEvent} */ (event).clientY)
      : root.activeElement;
    if (!inner || inner === node) break;
    node = inner;
  }
  return node;
}

/**
 * The event's target if it is still in the page, else what is now under
 * the pointer (the page may have re-rendered while the upload was held).
 * @param {Element} target
 * @param {{clientX: number, clientY: number} | null} init
 * @returns {Element}
 */
function liveTarget(target, init) {
  if (target.isConnected) return target;
  if (init) return document.elementFromPoint(init.clientX, init.clientY) ?? document.body ?? document.documentElement;
  return document.activeElement ?? document.body ?? document.documentElement;
}
