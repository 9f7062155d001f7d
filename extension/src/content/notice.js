// Small messages to the person at the page: a toast when nospill dropped or
// let something through on its own (time limit, scanner failure), and a
// banner when the extension was reloaded and the page needs a refresh. Both
// live in a closed shadow root, in the top layer (popover) so page overlays
// cannot cover them.

import { createUiHost, el, keepAttached } from './ui-host.js';

/** @typedef {'info' | 'blocked' | 'passed'} NoticeKind */

/** How long a toast stays, in ms. */
const TOAST_MS = 8000;
/** Most toasts shown at once; older ones go first. */
const MAX_TOASTS = 4;

const CSS = `
  .stack {
    position: fixed; inset: auto 16px 16px auto; margin: 0; padding: 0;
    border: 0; background: transparent; overflow: visible;
    display: flex; flex-direction: column; gap: 8px; align-items: flex-end;
    width: min(420px, calc(100vw - 32px)); max-height: none;
  }
  .toast {
    background: #ffffff; border: 1px solid #d0d7de; border-left: 5px solid #0969da;
    border-radius: 8px; padding: 10px 12px; box-shadow: 0 8px 24px rgba(0,0,0,.18);
    display: flex; gap: 10px; align-items: flex-start; width: 100%;
  }
  .toast.blocked { border-left-color: #cf222e; }
  .toast.passed { border-left-color: #bf8700; }
  .toast p { margin: 0; flex: 1; }
  .toast b { display: block; }
  .close { padding: 0 8px; border: 0; background: transparent; font-size: 18px; line-height: 1; }
  .banner {
    position: fixed; inset: 0 0 auto 0; margin: 0; width: 100%; max-width: none;
    border: 0; border-bottom: 2px solid #bf8700; background: #fff8c5; padding: 10px 16px;
    display: flex; gap: 12px; align-items: center; justify-content: center;
  }
  .banner p { margin: 0; }
`;

export class Notices {
  /** @type {import('./ui-host.js').UiHost | null} */
  #ui = null;
  /** @type {HTMLElement | null} */
  #stack = null;
  /** @type {HTMLElement | null} */
  #banner = null;

  #ensure() {
    if (!this.#ui) {
      this.#ui = createUiHost('nospill-notices', CSS);
      this.#stack = el('div', { class: 'stack nospill', popover: 'manual', role: 'status', 'aria-live': 'polite' });
      this.#ui.root.append(this.#stack);
    }
    keepAttached(this.#ui);
    return /** @type {{ui: import('./ui-host.js').UiHost, stack: HTMLElement}} */ ({
      ui: this.#ui,
      stack: this.#stack,
    });
  }

  /**
   * Shows a toast.
   * @param {string} title  one line, e.g. "Upload blocked"
   * @param {string} detail  what happened and why
   * @param {NoticeKind} kind
   */
  toast(title, detail, kind = 'info') {
    const { stack } = this.#ensure();
    const close = el('button', { class: 'close', type: 'button', 'aria-label': 'Dismiss' }, ['×']);
    const toast = el('div', { class: `toast ${kind}` }, [el('p', {}, [el('b', {}, [title]), detail]), close]);
    close.addEventListener('click', () => toast.remove());
    stack.append(toast);
    while (stack.querySelectorAll('.toast').length > MAX_TOASTS) stack.querySelector('.toast')?.remove();
    raise(stack);
    setTimeout(() => toast.remove(), TOAST_MS);
  }

  /**
   * Shows the banner that stays until the page is refreshed or it is closed.
   * @param {string} text
   */
  banner(text) {
    const { ui } = this.#ensure();
    if (this.#banner) {
      raise(this.#banner);
      return;
    }
    const refresh = el('button', { type: 'button' }, ['Refresh page']);
    refresh.addEventListener('click', () => location.reload());
    const close = el('button', { class: 'close', type: 'button', 'aria-label': 'Dismiss' }, ['×']);
    const banner = el('div', { class: 'banner nospill', popover: 'manual', role: 'alert' }, [
      el('p', {}, [el('b', {}, ['nospill: ']), text]),
      refresh,
      close,
    ]);
    close.addEventListener('click', () => {
      banner.remove();
      this.#banner = null;
    });
    ui.root.append(banner);
    this.#banner = banner;
    raise(banner);
  }

  hideBanner() {
    this.#banner?.remove();
    this.#banner = null;
  }

  dispose() {
    this.#ui?.remove();
    this.#ui = null;
    this.#stack = null;
    this.#banner = null;
  }
}

/**
 * Puts a popover (back) on top of the top layer.
 * @param {HTMLElement} element
 */
function raise(element) {
  try {
    if (element.matches(':popover-open')) element.hidePopover();
    element.showPopover();
  } catch {
    // Not in the document (the page replaced it); the next toast re-attaches.
  }
}
