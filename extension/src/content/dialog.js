// The dialog a person sees when an upload holds findings: which file, what
// was found (rule, redacted preview, where), what could not be scanned, and
// the actions the policy allows. A native modal <dialog> inside a CLOSED
// shadow root: it sits in the top layer, makes the page inert behind it,
// and page CSS cannot reach it. Keyboard: focus starts on Cancel, Tab and
// Shift+Tab cycle inside, Escape cancels, Enter activates the focused
// button (in the reason field: "Upload anyway").
//
// It never shows a full secret: only the report's previews.

import { createUiHost, el, formatSize } from './ui-host.js';
import { describeHow, describeLocation, describeWarning } from './decide.js';

/** @typedef {import('../shared/protocol.js').Report} Report */
/** @typedef {import('./decide.js').Choices} Choices */
/** @typedef {'cancel' | 'override' | 'redact'} Action */

/**
 * @typedef {object} DialogContent
 * @property {string} what        'file', 'pasted text', 'message'
 * @property {string} name        shown name (the report's, where secrets in names are redacted)
 * @property {number} size
 * @property {number} index       1-based position in the batch
 * @property {number} total
 * @property {Report} report
 * @property {boolean} verified   the report is the verify-server's
 * @property {import('../shared/protocol.js').Mode} mode
 * @property {Choices} choices
 */

/**
 * What the dialog calls when the person picks an action that needs work
 * first (the server's agreement, building a redacted copy). Resolving with
 * an error keeps the dialog open and shows it.
 * @typedef {object} DialogHandlers
 * @property {(reason: string) => Promise<{ok: boolean, error?: string}>} override
 * @property {() => Promise<{ok: boolean, error?: string}>} redact
 */

/** Most findings listed; the rest are counted. */
const MAX_LISTED = 40;
/** Longest override reason accepted. */
export const MAX_REASON_CHARS = 500;

const CSS = `
  dialog {
    border: 0; padding: 0; margin: auto; border-radius: 12px;
    width: min(560px, calc(100vw - 32px)); max-height: calc(100vh - 48px);
    background: #ffffff; box-shadow: 0 20px 60px rgba(0,0,0,.35);
    display: flex; flex-direction: column; overflow: hidden;
  }
  dialog:not([open]) { display: none; }
  dialog::backdrop { background: rgba(15, 20, 25, 0.55); }
  header { padding: 18px 20px 8px; border-bottom: 1px solid #d8dee4; }
  .brand { font-size: 12px; font-weight: 600; color: #cf222e; text-transform: uppercase; letter-spacing: .06em; }
  h2 { font-size: 18px; margin: 4px 0 2px; word-break: break-word; }
  .sub { margin: 0 0 8px; color: #57606a; font-size: 13px; }
  .body { padding: 12px 20px; overflow: auto; flex: 1; }
  h3 { font-size: 13px; margin: 8px 0 6px; color: #57606a; text-transform: uppercase; letter-spacing: .04em; }
  ul { list-style: none; margin: 0; padding: 0; }
  li.finding { padding: 8px 10px; border: 1px solid #d8dee4; border-radius: 8px; margin-bottom: 6px; }
  .rule { font-weight: 600; }
  .sev { display: inline-block; font-size: 11px; font-weight: 600; border-radius: 10px; padding: 0 8px;
         margin-right: 6px; text-transform: uppercase; background: #eaeef2; color: #24292f; }
  .sev.critical, .sev.high { background: #ffebe9; color: #a40e26; }
  .sev.medium { background: #fff8c5; color: #7d4e00; }
  code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa;
         border-radius: 4px; padding: 1px 5px; }
  .where { color: #57606a; font-size: 13px; display: block; margin-top: 2px; }
  .how { color: #57606a; font-size: 13px; display: block; font-style: italic; }
  li.warning { color: #7d4e00; padding: 4px 0; }
  .policy { margin: 10px 0 0; }
  .reason { padding: 0 20px 8px; }
  .reason label { display: block; font-weight: 600; margin-bottom: 4px; }
  .reason input { width: 100%; font: inherit; padding: 6px 8px; border: 1px solid #8c959f; border-radius: 6px; }
  .error { color: #a40e26; margin: 0; padding: 0 20px; min-height: 0; }
  .error:not(:empty) { padding-bottom: 8px; }
  footer { display: flex; gap: 8px; justify-content: flex-end; flex-wrap: wrap; padding: 12px 20px 16px;
           border-top: 1px solid #d8dee4; }
  button.primary { background: #1f883d; border-color: #1a7f37; color: #ffffff; }
  button.danger { background: #ffffff; border-color: #cf222e; color: #a40e26; }
`;

let dialogCount = 0;

/**
 * One open dialog. `result` settles with the action once it is done (an
 * override or redaction only after its handler succeeded).
 */
export class Dialog {
  /** @type {import('./ui-host.js').UiHost} */
  #ui;
  /** @type {HTMLDialogElement} */
  #dialog;
  /** @type {HTMLInputElement | null} */
  #reason = null;
  /** @type {HTMLElement} */
  #error;
  /** @type {Map<Action, HTMLButtonElement>} */
  #buttons = new Map();
  /** @type {DialogHandlers} */
  #handlers;
  #busy = false;
  #closed = false;
  /** @type {Element | null} */
  #returnFocus;
  /** @type {(action: Action) => void} */
  #settle = () => {};
  /** @type {Promise<Action>} */
  result;

  /**
   * @param {DialogContent} content
   * @param {DialogHandlers} handlers
   */
  constructor(content, handlers) {
    this.#handlers = handlers;
    this.#returnFocus = document.activeElement;
    this.result = new Promise((resolve) => (this.#settle = resolve));
    this.#ui = createUiHost('nospill-dialog', CSS);
    const id = `nospill-${++dialogCount}`;
    this.#error = el('p', { class: 'error', role: 'alert', id: `${id}-error` });
    this.#dialog = /** @type {HTMLDialogElement} */ (
      el(
        'dialog',
        {
          class: 'nospill',
          role: 'dialog',
          'aria-modal': 'true',
          'aria-labelledby': `${id}-title`,
          'aria-describedby': `${id}-sub`,
        },
        this.#build(content, id),
      )
    );
    // The browser's own close request (Escape) means cancel.
    this.#dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      this.cancel();
    });
    this.#ui.root.append(this.#dialog);
    this.#dialog.showModal();
    this.#buttons.get('cancel')?.focus();
  }

  /**
   * @param {DialogContent} content
   * @param {string} id
   * @returns {HTMLElement[]}
   */
  #build(content, id) {
    const { report, choices } = content;
    const blocking = report.verdict === 'block' && !choices.override;
    const found = report.findings.length;
    const headline =
      found > 0
        ? `${found === 1 ? 'A secret or personal data' : `${found} findings`} in this ${content.what}`
        : `This ${content.what} could not be fully scanned`;
    const facts = [
      content.total > 1 ? `${content.index} of ${content.total}` : '',
      content.name,
      formatSize(content.size),
      report.file.kind,
      content.verified ? "checked by your organisation's server" : 'checked on this computer',
    ].filter(Boolean);

    const header = el('header', {}, [
      el('div', { class: 'brand' }, ['nospill held this upload']),
      el('h2', { id: `${id}-title` }, [headline]),
      el('p', { class: 'sub', id: `${id}-sub` }, [facts.join(' · ')]),
    ]);

    const body = el('div', { class: 'body', tabindex: '0', 'aria-label': 'Findings' });
    if (found > 0) {
      body.append(el('h3', {}, ['What was found']));
      const list = el('ul', { class: 'findings' });
      for (const finding of report.findings.slice(0, MAX_LISTED)) {
        list.append(
          el('li', { class: 'finding' }, [
            el('span', { class: `sev ${finding.severity}` }, [finding.severity]),
            el('span', { class: 'rule' }, [finding.rule_name]),
            ' ',
            el('code', { 'aria-label': 'redacted preview' }, [finding.preview]),
            el('span', { class: 'where' }, [`where: ${describeLocation(finding.location)}`]),
            ...(describeHow(finding) ? [el('span', { class: 'how' }, [describeHow(finding)])] : []),
          ]),
        );
      }
      if (found > MAX_LISTED) list.append(el('li', {}, [`… and ${found - MAX_LISTED} more`]));
      body.append(list);
    }
    const allowed = report.stats.suppressed ?? 0;
    if (allowed > 0) {
      const what = allowed === 1 ? '1 finding' : `${allowed} findings`;
      body.append(el('p', { class: 'allowed' }, [`${what} allowed by your rules (not shown).`]));
    }
    const incomplete = report.warnings.filter((w) => w.code !== 'note');
    if (incomplete.length > 0) {
      body.append(el('h3', {}, ['Not fully scanned']));
      const list = el('ul', { class: 'warnings' });
      for (const warning of incomplete.slice(0, MAX_LISTED)) {
        list.append(el('li', { class: 'warning' }, [describeWarning(warning)]));
      }
      body.append(list);
    }
    body.append(el('p', { class: 'policy' }, [policyLine(content, blocking)]));

    const parts = [header, body];
    if (choices.override) {
      this.#reason = /** @type {HTMLInputElement} */ (
        el('input', {
          id: `${id}-reason`,
          type: 'text',
          maxlength: String(MAX_REASON_CHARS),
          autocomplete: 'off',
          'aria-required': 'true',
          'aria-describedby': `${id}-error`,
        })
      );
      this.#reason.addEventListener('input', () => this.#refresh());
      parts.push(
        el('div', { class: 'reason' }, [
          el('label', { for: `${id}-reason` }, ['Reason for uploading anyway (required)']),
          this.#reason,
        ]),
      );
    }
    parts.push(this.#error);

    const footer = el('footer');
    footer.append(this.#button('cancel', 'Cancel', choices.override || choices.redact ? '' : 'primary'));
    if (choices.redact) footer.append(this.#button('redact', 'Redact and continue', 'primary'));
    if (choices.override) footer.append(this.#button('override', 'Upload anyway', 'danger'));
    parts.push(footer);
    this.#refresh();
    return parts;
  }

  /**
   * @param {Action} action
   * @param {string} label
   * @param {string} cls
   */
  #button(action, label, cls) {
    const button = /** @type {HTMLButtonElement} */ (el('button', { type: 'button', 'data-action': action }, [label]));
    if (cls) button.className = cls;
    button.addEventListener('click', () => void this.#act(action));
    this.#buttons.set(action, button);
    return button;
  }

  #refresh() {
    const override = this.#buttons.get('override');
    if (override) override.disabled = this.#busy || this.#reasonText() === '';
    for (const [action, button] of this.#buttons) if (action !== 'override') button.disabled = this.#busy;
  }

  #reasonText() {
    return (this.#reason?.value ?? '').trim().slice(0, MAX_REASON_CHARS);
  }

  /** @param {Action} action */
  async #act(action) {
    if (this.#busy || this.#closed) return;
    if (action === 'cancel') {
      this.#close('cancel');
      return;
    }
    if (action === 'override' && this.#reasonText() === '') {
      this.#error.textContent = 'Write a reason to upload anyway.';
      this.#reason?.focus();
      return;
    }
    this.#busy = true;
    this.#error.textContent = action === 'override' ? 'Asking your organisation’s server…' : 'Preparing a copy…';
    this.#refresh();
    /** @type {{ok: boolean, error?: string}} */
    let outcome;
    try {
      outcome =
        action === 'override' ? await this.#handlers.override(this.#reasonText()) : await this.#handlers.redact();
    } catch (err) {
      outcome = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    this.#busy = false;
    if (this.#closed) return;
    if (outcome.ok) {
      this.#close(action);
      return;
    }
    this.#error.textContent = outcome.error ?? 'That did not work.';
    this.#refresh();
    this.#buttons.get('cancel')?.focus();
  }

  /** Cancels, unless an action is being confirmed. */
  cancel() {
    if (!this.#busy) this.#close('cancel');
  }

  /**
   * Closes with `cancel` whatever is going on (extension gone, page leaving).
   */
  abort() {
    this.#close('cancel');
  }

  /** @param {Action} action */
  #close(action) {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#dialog.close();
    } catch {
      // Already gone with the page's tree.
    }
    this.#ui.remove();
    if (this.#returnFocus instanceof HTMLElement && this.#returnFocus.isConnected) {
      this.#returnFocus.focus({ preventScroll: true });
    }
    this.#settle(action);
  }

  get closed() {
    return this.#closed;
  }

  /**
   * Keyboard handling. The content script routes every key event from
   * inside the dialog here and stops it from reaching the page (which
   * must neither see the reason typed nor act on shortcuts).
   * @param {KeyboardEvent} event
   */
  handleKey(event) {
    if (event.type !== 'keydown' || this.#closed) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.cancel();
    } else if (event.key === 'Tab') {
      event.preventDefault();
      this.#cycleFocus(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Enter' && this.#reason && this.#focused() === this.#reason) {
      event.preventDefault();
      void this.#act('override');
    }
  }

  /** The focused element inside the dialog, if any. */
  #focused() {
    return this.#ui.root.activeElement;
  }

  /** @param {number} step */
  #cycleFocus(step) {
    const focusable = /** @type {HTMLElement[]} */ (
      [...this.#dialog.querySelectorAll('button, input, [tabindex]')].filter(
        (node) => node instanceof HTMLElement && !(/** @type {HTMLButtonElement} */ (node).disabled),
      )
    );
    if (focusable.length === 0) return;
    const current = this.#focused();
    const at = focusable.findIndex((node) => node === current);
    const next = at === -1 ? (step > 0 ? 0 : focusable.length - 1) : (at + step + focusable.length) % focusable.length;
    focusable[next].focus();
  }

  /** Brings focus back inside when the page pulled it out. */
  refocus() {
    if (this.#closed) return;
    if (!this.#focused()) this.#buttons.get('cancel')?.focus();
  }
}

/**
 * @param {DialogContent} content
 * @param {boolean} blocking
 */
function policyLine(content, blocking) {
  if (blocking && content.choices.redact) {
    return 'Your organisation does not allow uploading this. You can upload a copy with the secrets removed.';
  }
  if (blocking) return 'Your organisation does not allow uploading this.';
  if (content.choices.override) {
    return 'You can cancel, or upload anyway with a reason. The decision is recorded.';
  }
  return 'Cancel to keep it on this computer.';
}
