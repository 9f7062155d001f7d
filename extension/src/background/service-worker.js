// nospill's service worker: holds the effective policy, registers content
// scripts for admin- and user-added sites, talks to the verify-server and
// keeps the toolbar badge current. Every listener is added at the top level,
// synchronously, so an event that wakes the worker finds it.

import { createLogger, followStoredLogLevel } from '../shared/logger.js';
import { MSG } from '../shared/protocol.js';
import { updateAllBadges, updateBadge } from './badge.js';
import { getPolicy, onPolicyChanged, policyForUrl, watchPolicy } from './policy.js';
import { injectIntoOpenTabs, syncSiteScripts } from './sites.js';
import { addChunk, beginTransfer, endTransfer, recordDecision } from './verify.js';

const log = createLogger('background');

void followStoredLogLevel();
watchPolicy();

onPolicyChanged((effective) => {
  void syncSiteScripts(effective.policy.protectedSites);
  void updateAllBadges(effective).catch((err) => log.warn('badges not refreshed', { error: err }));
});

// Registrations persist, but the policy may have changed while the browser
// was closed or the extension updated: compare on every start.
void getPolicy().then((effective) => syncSiteScripts(effective.policy.protectedSites));

chrome.runtime.onInstalled.addListener(({ reason }) => {
  void getPolicy().then(async (effective) => {
    await updateAllBadges(effective);
    // Open pages on protected sites get the new content scripts without a
    // refresh (an update orphans the old ones).
    if (reason === 'install' || reason === 'update') {
      await syncSiteScripts(effective.policy.protectedSites);
      await injectIntoOpenTabs(effective.policy.protectedSites);
    }
  });
});

/**
 * @typedef {(message: any, sender: chrome.runtime.MessageSender) => Promise<unknown>} Handler
 */

/** @type {Record<string, Handler>} */
const handlers = {
  [MSG.POLICY]: async (message, sender) => policyForUrl(await getPolicy(), sender.url ?? message.url),
  [MSG.VERIFY_BEGIN]: async (message, sender) => beginTransfer(message, sender, (await getPolicy()).policy),
  [MSG.VERIFY_CHUNK]: async (message, sender) => addChunk(message, sender),
  [MSG.VERIFY_END]: async (message, sender) => endTransfer(message, sender, (await getPolicy()).policy),
  [MSG.DECISION]: async (message) => recordDecision(message, (await getPolicy()).policy),
};

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only our own content scripts and pages; nothing else can reach onMessage
  // without externally_connectable, but the check costs nothing.
  if (sender.id !== chrome.runtime.id) return false;
  const handler = handlers[message?.type];
  if (!handler) return false;
  handler(message, sender).then(sendResponse, (err) => {
    log.error('message handler failed', { type: message.type, error: err });
    sendResponse({ ok: false, allowed: false, recorded: false, error: `nospill internal error: ${String(err)}` });
  });
  return true;
});

chrome.tabs.onActivated.addListener(({ tabId }) => {
  void Promise.all([chrome.tabs.get(tabId), getPolicy()])
    .then(([tab, effective]) => updateBadge(tabId, tab.url ?? tab.pendingUrl, effective))
    .catch((err) => log.debug('badge not updated', { tabId, error: err }));
});

chrome.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.url === undefined && change.status !== 'loading') return;
  void getPolicy().then((effective) => updateBadge(tabId, tab.url ?? tab.pendingUrl, effective));
});

// The user can grant or withhold site access at any time; the badge says so.
const refreshBadges = () => void getPolicy().then(updateAllBadges);
chrome.permissions.onAdded.addListener(refreshBadges);
chrome.permissions.onRemoved.addListener(refreshBadges);
