// Events nospill dispatches itself when it hands an upload back to the page
// (a synthetic change, drop, paste or key). They are remembered here, in a
// WeakSet rather than a property the page could see or fake, so nospill's
// own capture listeners let them through instead of holding them again.

/** @type {WeakSet<Event>} */
const ours = new WeakSet();

/**
 * @template {Event} E
 * @param {E} event
 * @returns {E}
 */
export function markOurs(event) {
  ours.add(event);
  return event;
}

/** @param {Event} event */
export function isOurs(event) {
  return ours.has(event);
}
