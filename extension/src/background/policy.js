// The effective policy in the service worker: chrome.storage.managed (the
// admin) over chrome.storage.local (the options page) over the defaults,
// re-read whenever either area changes.

import { createLogger } from '../shared/logger.js';
import { POLICY_KEYS, isProtectedUrl, mergePolicy } from '../shared/policy.js';

/** @typedef {import('../shared/policy.js').EffectivePolicy} EffectivePolicy */
/** @typedef {import('../shared/protocol.js').Policy} Policy */

const log = createLogger('policy');

/** @type {Promise<EffectivePolicy> | null} */
let current = null;

/** @type {Set<(policy: EffectivePolicy) => void>} */
const listeners = new Set();

/**
 * The effective policy, read once and cached until storage changes.
 * @returns {Promise<EffectivePolicy>}
 */
export function getPolicy() {
  current ??= readPolicy();
  return current;
}

/** @returns {Promise<EffectivePolicy>} */
async function readPolicy() {
  const [managed, local] = await Promise.all([
    // Throws where the platform has no managed storage; that is "no admin policy".
    chrome.storage.managed.get(null).catch((err) => {
      log.info('managed storage unavailable', { error: err });
      return {};
    }),
    chrome.storage.local.get([...POLICY_KEYS]),
  ]);
  const effective = mergePolicy(managed, local);
  for (const problem of effective.problems) log.warn('policy value ignored', { problem });
  log.info('policy loaded', {
    managedKeys: Object.keys(managed),
    protectedSites: effective.policy.protectedSites.length,
    mode: effective.policy.mode,
  });
  return effective;
}

/**
 * Calls `listener` with the new policy after every change of a policy key.
 * @param {(policy: EffectivePolicy) => void} listener
 */
export function onPolicyChanged(listener) {
  listeners.add(listener);
}

/**
 * Must run at the service worker's top level so a change wakes it up.
 */
export function watchPolicy() {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'managed' && area !== 'local') return;
    if (!Object.keys(changes).some((key) => /** @type {readonly string[]} */ (POLICY_KEYS).includes(key))) return;
    log.info('policy changed', { area, keys: Object.keys(changes) });
    current = readPolicy();
    void current.then((policy) => {
      for (const listener of listeners) listener(policy);
    });
  });
}

/**
 * What a content script needs to know for the page at `url` (MSG.POLICY).
 * @param {EffectivePolicy} effective
 * @param {string | undefined} url
 * @returns {Policy}
 */
export function policyForUrl(effective, url) {
  const { policy } = effective;
  return {
    protected: isProtectedUrl(url, policy.protectedSites),
    mode: policy.mode,
    failMode: policy.failMode,
    holdTimeoutMs: policy.holdTimeoutMs,
    verify: policy.verify,
    serverConfigured: policy.verifyServerUrl !== '',
    allowRedact: policy.allowRedact,
  };
}
