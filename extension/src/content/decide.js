// What policy lets a person do with one held item once its report is in.
// Pure functions over the policy and the report, so the rules read in one
// place and Node tests can check them without a browser.

import { canRedact } from './redact.js';

/** @typedef {import('../shared/protocol.js').Policy} Policy */
/** @typedef {import('../shared/protocol.js').Report} Report */

/**
 * @typedef {object} Choices
 * @property {boolean} ask        the person must decide (a dialog opens)
 * @property {boolean} override   "Upload anyway" with a reason is offered
 * @property {boolean} redact     "Redact and continue" is offered
 * @property {string} [noRedactWhy]  why redaction is not offered, when it is not
 */

/**
 * Whether the policy wants the verify-server's answer for this report.
 * @param {Policy} policy
 * @param {Report | null} local  null when the local scan could not finish
 */
export function wantsVerification(policy, local) {
  if (!policy.serverConfigured || policy.verify === 'never') return false;
  if (policy.verify === 'always') return true;
  return local === null || local.verdict !== 'allow';
}

/**
 * The choices for one item.
 *
 * - verdict allow: nothing to decide, the item goes on untouched;
 * - block mode: a `block` verdict cannot be overridden; a `warn` verdict
 *   (low-severity findings, or content that could not be scanned) can, with
 *   a reason;
 * - warn mode: every finding can be overridden with a reason;
 * - audit mode never holds, so it never asks.
 * Redaction is offered for text whose every finding has a position.
 * @param {Policy} policy
 * @param {Report} report  the authoritative report (the server's when there is one)
 * @param {{redactable: boolean}} item  whether the item is text-like and may be replaced by a copy
 * @returns {Choices}
 */
export function choicesFor(policy, report, item) {
  if (report.verdict === 'allow' || policy.mode === 'audit') {
    return { ask: false, override: false, redact: false };
  }
  const override = policy.mode === 'warn' || report.verdict === 'warn';
  let redact = false;
  /** @type {string | undefined} */
  let noRedactWhy;
  if (!policy.allowRedact) noRedactWhy = 'redaction is turned off by policy';
  else if (!item.redactable) noRedactWhy = 'this upload cannot be replaced by a copy';
  else {
    const possible = canRedact(report);
    redact = possible.ok;
    if (!possible.ok) noRedactWhy = possible.why;
  }
  return { ask: true, override, redact, noRedactWhy };
}

/**
 * A short, human label for a finding's location.
 * @param {import('../shared/protocol.js').Finding['location']} location
 */
export function describeLocation(location) {
  const parts = [location.part === 'text' ? 'text' : location.part];
  if (location.line !== undefined && location.line !== null) {
    parts.push(`line ${location.line}${location.column ? `, column ${location.column}` : ''}`);
  }
  return parts.join(', ');
}

/**
 * How a finding was found when that is not obvious from its preview: inside
 * an encoding (the preview is of the decoded secret, which the text does not
 * show as such), or merged with its other half (an AWS key id and secret).
 * @param {import('../shared/protocol.js').Finding} finding
 * @returns {string}  '' when there is nothing to add
 */
export function describeHow(finding) {
  const notes = [];
  if (finding.decoded) notes.push(`found after decoding ${finding.decoded.split('+').join(', then ')}`);
  if (finding.paired_location) {
    notes.push(
      `paired with ${finding.paired_with ?? 'its other half'} at ${describeLocation(finding.paired_location)}`,
    );
  }
  return notes.join('; ');
}

/** Human words for the engine's warning codes. */
const WARNING_WORDS = Object.freeze({
  encrypted: 'encrypted — not scanned',
  damaged: 'damaged — scanned what could be read',
  limit: 'too large or complex — partly scanned',
  unsupported: 'format not supported — only readable text scanned',
  note: 'note',
});

/**
 * @param {{part: string, code: string, message: string}} warning
 */
export function describeWarning(warning) {
  const words = /** @type {Record<string, string>} */ (WARNING_WORDS)[warning.code] ?? warning.code;
  return `${warning.part}: ${words}`;
}
