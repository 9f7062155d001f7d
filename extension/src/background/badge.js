// The toolbar badge: whether nospill guards the site in each tab. "ON" for a
// protected site, "!" for a protected site nospill has no access to (the
// user restricted its site access), nothing elsewhere; the title says which.

import { createLogger } from '../shared/logger.js';
import { isProtectedUrl } from '../shared/policy.js';

/** @typedef {import('../shared/policy.js').EffectivePolicy} EffectivePolicy */

const log = createLogger('badge');

const ICON_ON = { 16: '/icons/icon-16.png', 32: '/icons/icon-32.png' };
const ICON_OFF = { 16: '/icons/icon-off-16.png', 32: '/icons/icon-off-32.png' };

/**
 * @typedef {object} BadgeState
 * @property {string} text
 * @property {string} color
 * @property {string} title
 * @property {Record<number, string>} icon
 */

/**
 * What the badge shows for `url`.
 * @param {string | undefined} url
 * @param {EffectivePolicy} effective
 * @returns {Promise<BadgeState>}
 */
export async function badgeFor(url, effective) {
  const { policy } = effective;
  if (!url || !isProtectedUrl(url, policy.protectedSites)) {
    return { text: '', color: '#6e7781', title: 'nospill: this site is not protected', icon: ICON_OFF };
  }
  const origin = new URL(url).origin;
  const access = await chrome.permissions.contains({ origins: [`${origin}/*`] }).catch(() => false);
  if (!access) {
    return {
      text: '!',
      color: '#bc4c00',
      title: 'nospill cannot protect this site: allow its site access in the extension’s details',
      icon: ICON_OFF,
    };
  }
  return {
    text: 'ON',
    color: '#1a7f37',
    title: `nospill protects uploads on this site (${policy.mode} mode)`,
    icon: ICON_ON,
  };
}

/**
 * @param {number} tabId
 * @param {string | undefined} url
 * @param {EffectivePolicy} effective
 */
export async function updateBadge(tabId, url, effective) {
  const state = await badgeFor(url, effective);
  try {
    await Promise.all([
      chrome.action.setBadgeText({ tabId, text: state.text }),
      chrome.action.setBadgeBackgroundColor({ tabId, color: state.color }),
      chrome.action.setTitle({ tabId, title: state.title }),
      chrome.action.setIcon({ tabId, path: state.icon }),
    ]);
  } catch (err) {
    // The tab closed in between; nothing to show.
    log.debug('badge not updated', { tabId, error: err });
  }
}

/**
 * Refreshes the badge of every open tab, e.g. after a policy change.
 * @param {EffectivePolicy} effective
 */
export async function updateAllBadges(effective) {
  const tabs = await chrome.tabs.query({});
  await Promise.all(
    tabs.map((tab) => (tab.id === undefined ? undefined : updateBadge(tab.id, tab.url ?? tab.pendingUrl, effective))),
  );
}
