// A hold: everything between stopping an upload at its DOM event and handing
// back what policy allows. Each held item is scanned in the scanner frame,
// verified by the verify-server when the policy asks (its report then
// decides), and shown in the dialog when it has findings. Every hold has a
// time limit (policy.holdTimeoutMs) for the automatic part; past it, or
// when the scanner fails, the policy's failMode decides and the person sees
// a notice. A hold always ends by calling its finish() exactly once.

import { createLogger } from '../shared/logger.js';
import { choicesFor, wantsVerification } from './decide.js';
import { Dialog } from './dialog.js';
import { readBlob } from './read.js';
import { redactBytes } from './redact.js';
import { recordDecision, verifyWithServer } from './runtime.js';

/** @typedef {import('../shared/protocol.js').Policy} Policy */
/** @typedef {import('../shared/protocol.js').Report} Report */
/** @typedef {import('./scanner-client.js').ScannerClient} ScannerClient */
/** @typedef {import('./notice.js').Notices} Notices */

const log = createLogger('content/hold');

/** Time the server gets to agree to an override or record a decision. */
const DECISION_TIMEOUT_MS = 15_000;

/**
 * @typedef {object} HeldItem
 * @property {'file' | 'text'} kind
 * @property {string} label        what the person calls it: file name or path, "pasted text", "message"
 * @property {Blob} blob           the bytes to scan (the original File for files)
 * @property {boolean} redactable  may be replaced by a redacted copy
 * @property {boolean} [companion] rides along with another item (pasted HTML): never asks; dropped when it has findings
 */

/**
 * @typedef {object} ItemOutcome
 * @property {boolean} allowed
 * @property {Blob | null} replacement  a redacted copy to deliver instead, or null for the original
 */

/**
 * @typedef {object} HoldRequest
 * @property {string} source   for notices: "file", "drop", "paste", "message", "file picker"
 * @property {HeldItem[]} items
 * @property {string | null} [incomplete]  why some of the upload could not be collected (a folder walk limit)
 * @property {(outcomes: ItemOutcome[]) => void | Promise<void>} finish  called exactly once
 */

/**
 * @typedef {object} Assessment
 * @property {Report | null} report   the deciding report (the server's when verified)
 * @property {boolean} verified
 * @property {string | null} auditId
 * @property {string | null} failure  why no usable report exists
 */

/** A hold in progress. */
class Hold {
  /** @type {HoldRequest} */
  request;
  /** @type {(ItemOutcome | null)[]} */
  outcomes;
  done = false;
  /** @type {Dialog | null} */
  dialog = null;
  /** Items known to hold findings: never let through by a fail mode. */
  /** @type {Set<number>} */
  flagged = new Set();

  /** @param {HoldRequest} request */
  constructor(request) {
    this.request = request;
    this.outcomes = request.items.map(() => null);
  }
}

export class Holds {
  /** @type {() => Promise<Policy>} */
  #policy;
  /** @type {ScannerClient} */
  #scanner;
  /** @type {Notices} */
  #notices;
  /** @type {Set<Hold>} */
  #active = new Set();
  /** Set once the extension is gone: every hold from then on ends by this fail mode at once. */
  /** @type {{failMode: 'closed' | 'open', why: string} | null} */
  #stopped = null;

  /**
   * @param {{policy: () => Promise<Policy>, scanner: ScannerClient, notices: Notices}} parts
   */
  constructor(parts) {
    this.#policy = parts.policy;
    this.#scanner = parts.scanner;
    this.#notices = parts.notices;
  }

  /** The dialog on screen, if any (for keyboard routing). */
  get dialog() {
    for (const hold of this.#active) if (hold.dialog && !hold.dialog.closed) return hold.dialog;
    return null;
  }

  get size() {
    return this.#active.size;
  }

  /**
   * Runs one hold to its end.
   * @param {HoldRequest} request
   * @returns {Promise<void>}
   */
  async run(request) {
    const hold = new Hold(request);
    if (this.#stopped) {
      this.#failRest(hold, this.#stopped.failMode, this.#stopped.why);
      return;
    }
    this.#active.add(hold);
    try {
      await this.#run(hold);
    } catch (err) {
      log.error('hold failed unexpectedly', { error: err });
      this.#failRest(hold, 'closed', 'nospill ran into an error');
    } finally {
      this.#active.delete(hold);
    }
  }

  /** @param {Hold} hold */
  async #run(hold) {
    const { items } = hold.request;
    const policy = await this.#policy();
    if (hold.done) return;
    if (!policy.protected) {
      this.#finish(
        hold,
        items.map(() => ({ allowed: true, replacement: null })),
      );
      return;
    }
    if (hold.request.incomplete) {
      this.#notices.toast(
        policy.failMode === 'closed' ? 'Upload blocked' : 'Part of the upload was left out',
        `nospill could not collect all of this ${hold.request.source}: ${hold.request.incomplete}.`,
        policy.failMode === 'closed' ? 'blocked' : 'passed',
      );
      if (policy.failMode === 'closed') {
        this.#finish(
          hold,
          items.map(() => ({ allowed: false, replacement: null })),
        );
        return;
      }
    }

    // The automatic part: scans and server checks, under the hold's time limit.
    /** @type {(Assessment | null)[]} */
    const assessed = items.map(() => null);
    const timedOut = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(true), policy.holdTimeoutMs);
      Promise.all(
        items.map(async (item, i) => {
          assessed[i] = await this.#assess(item, policy);
        }),
      ).then(() => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (hold.done) return;

    // Settle what needs no person: clean items, failures, companions.
    /** @type {number[]} */
    const toAsk = [];
    items.forEach((item, i) => {
      const assessment = assessed[i];
      if (!assessment) {
        hold.outcomes[i] = this.#failMode(policy, item, `checking took longer than ${seconds(policy.holdTimeoutMs)}`);
        return;
      }
      if (assessment.failure || !assessment.report) {
        hold.outcomes[i] = this.#failMode(policy, item, assessment.failure ?? 'no report');
        return;
      }
      const choices = choicesFor(policy, assessment.report, item);
      if (!choices.ask) hold.outcomes[i] = { allowed: true, replacement: null };
      else if (item.companion) hold.outcomes[i] = { allowed: false, replacement: null };
      else {
        hold.flagged.add(i);
        toAsk.push(i);
      }
    });
    if (timedOut) log.warn('hold reached its time limit', { ms: policy.holdTimeoutMs });

    // The person decides, one item at a time.
    for (const [n, i] of toAsk.entries()) {
      if (hold.done) return;
      const assessment = /** @type {Assessment} */ (assessed[i]);
      hold.outcomes[i] = await this.#ask(hold, policy, items[i], assessment, n + 1, toAsk.length);
    }
    if (!hold.done)
      this.#finish(
        hold,
        hold.outcomes.map((o) => o ?? { allowed: false, replacement: null }),
      );
  }

  /**
   * Scans one item and, when the policy says so, has the server check it.
   * @param {HeldItem} item
   * @param {Policy} policy
   * @returns {Promise<Assessment>}
   */
  async #assess(item, policy) {
    const scanned = await this.#scanner.scan(item.blob, item.label, policy.holdTimeoutMs);
    const local = scanned.ok ? scanned.report : null;
    if (!wantsVerification(policy, local)) {
      return scanned.ok
        ? { report: scanned.report, verified: false, auditId: null, failure: null }
        : { report: null, verified: false, auditId: null, failure: scanned.error.message };
    }
    try {
      const verified = await verifyWithServer(item.blob, item.label, policy.mode, policy.holdTimeoutMs);
      if (verified.ok && verified.report) {
        return { report: verified.report, verified: true, auditId: verified.auditId ?? null, failure: null };
      }
      log.warn('verification failed', { error: verified.error });
    } catch (err) {
      log.warn('verification failed', { error: err });
    }
    // The server could not answer. A clean or missing local report cannot
    // stand in for the check the policy asked for; findings still show.
    if (local && local.verdict !== 'allow') return { report: local, verified: false, auditId: null, failure: null };
    return { report: null, verified: false, auditId: null, failure: "your organisation's server could not check it" };
  }

  /**
   * @param {Policy} policy
   * @param {HeldItem} item
   * @param {string} why
   * @returns {ItemOutcome}
   */
  #failMode(policy, item, why) {
    const open = policy.failMode === 'open';
    this.#notices.toast(
      open ? 'Uploaded without a check' : 'Upload blocked',
      open
        ? `nospill could not check “${item.label}” (${why}); your organisation's policy lets it through.`
        : `nospill could not check “${item.label}” (${why}), so it was not uploaded.`,
      open ? 'passed' : 'blocked',
    );
    return { allowed: open, replacement: null };
  }

  /**
   * Shows the dialog for one item and carries out the choice.
   * @param {Hold} hold
   * @param {Policy} policy
   * @param {HeldItem} item
   * @param {Assessment} assessment
   * @param {number} index
   * @param {number} total
   * @returns {Promise<ItemOutcome>}
   */
  async #ask(hold, policy, item, assessment, index, total) {
    const report = /** @type {Report} */ (assessment.report);
    let auditId = assessment.auditId;
    /** @type {Blob | null} */
    let replacement = null;
    const dialog = new Dialog(
      {
        what: item.kind === 'text' ? item.label : 'file',
        // The person's own name for it (a dropped folder's path), unless a
        // secret sits in the name: then the report's redacted form.
        name:
          item.kind === 'text'
            ? ''
            : report.findings.some((f) => f.location.part === 'file name')
              ? report.file.name
              : item.label,
        size: item.blob.size,
        index,
        total,
        report,
        verified: assessment.verified,
        mode: policy.mode,
        choices: choicesFor(policy, report, item),
      },
      {
        override: async (reason) => {
          if (!policy.serverConfigured) {
            log.info('override without a verify-server: not recorded');
            return { ok: true };
          }
          if (!auditId) {
            const verified = await verifyWithServer(item.blob, item.label, policy.mode, DECISION_TIMEOUT_MS).catch(
              (err) => ({ ok: false, error: String(err), auditId: undefined }),
            );
            auditId = verified.auditId ?? null;
            if (!auditId)
              return {
                ok: false,
                error: "Your organisation's server could not be reached, so the upload cannot go ahead.",
              };
          }
          const decided = await recordDecision(auditId, 'override', reason, DECISION_TIMEOUT_MS).catch((err) => ({
            ok: false,
            allowed: false,
            recorded: false,
            error: String(err),
          }));
          if (!decided.ok)
            return {
              ok: false,
              error: "Your organisation's server could not be reached, so the upload cannot go ahead.",
            };
          if (!decided.recorded || !decided.allowed) {
            return { ok: false, error: "Your organisation's server did not allow this upload." };
          }
          return { ok: true };
        },
        redact: async () => {
          const copy = await this.#redactedCopy(item, report, policy);
          if (!copy.ok) return copy;
          replacement = copy.blob;
          if (auditId) {
            void recordDecision(auditId, 'redact', undefined, DECISION_TIMEOUT_MS).catch((err) =>
              log.warn('could not record the redaction', { error: err }),
            );
          }
          return { ok: true };
        },
      },
    );
    hold.dialog = dialog;
    const action = await dialog.result;
    hold.dialog = null;
    if (action === 'cancel') {
      if (auditId) {
        void recordDecision(auditId, 'cancel', undefined, DECISION_TIMEOUT_MS).catch((err) =>
          log.warn('could not record the cancel', { error: err }),
        );
      }
      return { allowed: false, replacement: null };
    }
    if (action === 'redact') return { allowed: true, replacement };
    return { allowed: true, replacement: null };
  }

  /**
   * Builds the redacted copy and checks it like a new upload: it must scan
   * clean (and, when the policy verifies everything, the server must agree).
   * @param {HeldItem} item
   * @param {Report} report
   * @param {Policy} policy
   * @returns {Promise<{ok: true, blob: Blob} | {ok: false, error: string}>}
   */
  async #redactedCopy(item, report, policy) {
    /** @type {Uint8Array<ArrayBuffer>} */
    let bytes;
    try {
      bytes = redactBytes(new Uint8Array(await readBlob(item.blob)), report).bytes;
    } catch (err) {
      return { ok: false, error: `A redacted copy could not be made: ${err instanceof Error ? err.message : err}.` };
    }
    const original = item.blob;
    const blob =
      original instanceof File
        ? new File([bytes], original.name, { type: original.type, lastModified: Date.now() })
        : new Blob([bytes], { type: original.type || 'text/plain' });
    const check = await this.#scanner.scan(blob, item.label, policy.holdTimeoutMs);
    if (!check.ok) return { ok: false, error: `The redacted copy could not be checked: ${check.error.message}.` };
    if (check.report.verdict !== 'allow') {
      const rules = [...new Set(check.report.findings.map((f) => f.rule_name))].join(', ');
      return { ok: false, error: `The redacted copy still holds findings (${rules || 'incomplete scan'}).` };
    }
    if (wantsVerification(policy, check.report)) {
      const verified = await verifyWithServer(blob, item.label, policy.mode, policy.holdTimeoutMs).catch(() => null);
      if (!verified?.ok || !verified.report) {
        return { ok: false, error: "Your organisation's server could not check the redacted copy." };
      }
      if (verified.report.verdict !== 'allow') {
        return { ok: false, error: "Your organisation's server still found something in the redacted copy." };
      }
    }
    return { ok: true, blob };
  }

  /**
   * @param {Hold} hold
   * @param {ItemOutcome[]} outcomes
   */
  #finish(hold, outcomes) {
    if (hold.done) return;
    hold.done = true;
    const failed = (/** @type {unknown} */ err) =>
      log.error('could not hand the upload back to the page', { error: err });
    try {
      void Promise.resolve(hold.request.finish(outcomes)).catch(failed);
    } catch (err) {
      failed(err);
    }
  }

  /**
   * Ends a hold early: items already judged keep their outcome, items with
   * a dialog open are cancelled, the rest get the fail mode.
   * @param {Hold} hold
   * @param {'closed' | 'open'} failMode
   * @param {string} why
   */
  #failRest(hold, failMode, why) {
    if (hold.done) return;
    const open = failMode === 'open';
    hold.dialog?.abort();
    hold.dialog = null;
    const undecided = hold.outcomes.filter((o) => o === null).length;
    if (undecided > 0) {
      this.#notices.toast(
        open ? 'Uploaded without a check' : 'Upload blocked',
        open
          ? `${why}; your organisation's policy lets the ${hold.request.source} through unchecked. Refresh the page to restore protection.`
          : `${why}, so the ${hold.request.source} was not uploaded. Refresh the page and try again.`,
        open ? 'passed' : 'blocked',
      );
    }
    this.#finish(
      hold,
      hold.outcomes.map((o, i) => o ?? { allowed: open && !hold.flagged.has(i), replacement: null }),
    );
  }

  /**
   * Ends every hold now (the extension went away): nothing held is
   * swallowed silently and nothing passes unchecked unless failMode is open.
   * @param {'closed' | 'open'} failMode
   * @param {string} why
   */
  stopAll(failMode, why) {
    this.#stopped = { failMode, why };
    for (const hold of [...this.#active]) this.#failRest(hold, failMode, why);
    this.#active.clear();
  }
}

/** @param {number} ms */
function seconds(ms) {
  return `${Math.round(ms / 100) / 10} s`;
}
