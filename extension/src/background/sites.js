// Content scripts for protected sites beyond the built-in ones (admin policy
// or options page), registered at run time. The built-in sites are covered
// by manifest.json's static content_scripts; these registrations reuse the
// same files, so the two can never drift apart.
//
// Registrations persist across browser restarts, so every sync compares with
// what is registered and changes only what differs.

import { createLogger } from '../shared/logger.js';
import { BUILTIN_MATCHES } from '../shared/policy.js';

const log = createLogger('sites');

/** Our two registrations: the isolated-world content script and the main-world page hook. */
export const SCRIPT_IDS = Object.freeze({ isolated: 'nospill-sites-isolated', main: 'nospill-sites-main' });

const PROBE_ID = 'nospill-pattern-probe';

/** @type {Promise<void>} */
let queue = Promise.resolve();

/**
 * The script files of the manifest's static content script for `world`.
 * @param {'ISOLATED' | 'MAIN'} world
 * @returns {string[]}
 */
function manifestScripts(world) {
  const entries = chrome.runtime.getManifest().content_scripts ?? [];
  const entry = entries.find((script) => {
    const declared = /** @type {{world?: string}} */ (script);
    return (declared.world ?? 'ISOLATED') === world;
  });
  return entry?.js ?? [];
}

/**
 * @param {string[]} matches
 * @returns {chrome.scripting.RegisteredContentScript[]}
 */
function wantedScripts(matches) {
  /** @type {[string, 'ISOLATED' | 'MAIN'][]} */
  const worlds = [
    [SCRIPT_IDS.isolated, 'ISOLATED'],
    [SCRIPT_IDS.main, 'MAIN'],
  ];
  return worlds.map(([id, world]) => ({
    id,
    matches,
    js: manifestScripts(world),
    runAt: 'document_start',
    allFrames: true,
    world,
    persistAcrossSessions: true,
  }));
}

/**
 * Makes the registered content scripts cover exactly `patterns` (minus the
 * built-in sites, which the manifest covers). Calls are serialised: a sync at
 * start-up and one for a policy change never interleave.
 * @param {readonly string[]} patterns  normalised match patterns
 * @returns {Promise<void>}
 */
export function syncSiteScripts(patterns) {
  const run = () =>
    sync(patterns).catch((err) => {
      log.error('could not register content scripts for protected sites', { error: err });
    });
  queue = queue.then(run, run);
  return queue;
}

/** @param {readonly string[]} patterns */
async function sync(patterns) {
  const matches = patterns.filter((pattern) => !BUILTIN_MATCHES.includes(pattern));
  const ids = Object.values(SCRIPT_IDS);
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids });
  if (matches.length === 0) {
    if (existing.length > 0) await chrome.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
    log.info('no extra protected sites registered');
    return;
  }
  const wanted = wantedScripts(matches);
  if (existing.length === wanted.length && wanted.every((script) => sameRegistration(script, existing))) {
    log.debug('protected site registrations up to date', { sites: matches.length });
    return;
  }
  try {
    await replace(existing, wanted);
  } catch (err) {
    // One pattern Chrome refuses fails the whole call: find the bad ones,
    // register the rest, so one typo does not unprotect every other site.
    log.warn('a protected site pattern was refused; checking them one by one', { error: err });
    const accepted = await acceptedPatterns(matches);
    const remaining = await chrome.scripting.getRegisteredContentScripts({ ids });
    if (accepted.length === 0) {
      if (remaining.length > 0) await chrome.scripting.unregisterContentScripts({ ids: remaining.map((s) => s.id) });
      return;
    }
    await replace(remaining, wantedScripts(accepted));
  }
  log.info('protected sites registered', { sites: matches.length });
}

/**
 * @param {chrome.scripting.RegisteredContentScript[]} existing
 * @param {chrome.scripting.RegisteredContentScript[]} wanted
 */
async function replace(existing, wanted) {
  if (existing.length === wanted.length) {
    await chrome.scripting.updateContentScripts(wanted);
    return;
  }
  if (existing.length > 0) await chrome.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  try {
    await chrome.scripting.registerContentScripts(wanted);
  } catch (err) {
    // Another context (an earlier worker instance) registered in between.
    if (!/duplicate/i.test(String(err))) throw err;
    await chrome.scripting.unregisterContentScripts({ ids: wanted.map((s) => s.id) });
    await chrome.scripting.registerContentScripts(wanted);
  }
}

/**
 * The patterns Chrome accepts, tried one at a time with a probe registration.
 * @param {string[]} patterns
 * @returns {Promise<string[]>}
 */
async function acceptedPatterns(patterns) {
  /** @type {string[]} */
  const accepted = [];
  for (const pattern of patterns) {
    try {
      await chrome.scripting.registerContentScripts([
        { id: PROBE_ID, matches: [pattern], js: manifestScripts('ISOLATED'), persistAcrossSessions: false },
      ]);
      await chrome.scripting.unregisterContentScripts({ ids: [PROBE_ID] });
      accepted.push(pattern);
    } catch (err) {
      log.warn('protected site pattern refused by the browser', { pattern, error: err });
      await chrome.scripting.unregisterContentScripts({ ids: [PROBE_ID] }).catch(() => {});
    }
  }
  return accepted;
}

/**
 * @param {chrome.scripting.RegisteredContentScript} wanted
 * @param {chrome.scripting.RegisteredContentScript[]} existing
 */
function sameRegistration(wanted, existing) {
  const found = existing.find((script) => script.id === wanted.id);
  if (!found) return false;
  const same = (/** @type {string[] | undefined} */ a, /** @type {string[] | undefined} */ b) =>
    JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());
  return (
    same(found.matches, wanted.matches) &&
    same(found.js, wanted.js) &&
    found.runAt === wanted.runAt &&
    found.allFrames === wanted.allFrames &&
    (found.world ?? 'ISOLATED') === wanted.world
  );
}

/**
 * After an install or update, pages that were already open have no content
 * script (or an orphaned one): inject the current scripts into every frame
 * of every tab on a protected site. The scripts themselves replace an older
 * instance and install the page hook only once.
 * @param {readonly string[]} patterns  normalised match patterns beyond the built-in sites
 * @returns {Promise<void>}
 */
export async function injectIntoOpenTabs(patterns) {
  const tabs = await chrome.tabs.query({ url: [...BUILTIN_MATCHES, ...patterns] });
  /** @type {[`${chrome.scripting.ExecutionWorld}`, string[]][]} */
  const worlds = [
    ['MAIN', manifestScripts('MAIN')],
    ['ISOLATED', manifestScripts('ISOLATED')],
  ];
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || tab.discarded) return;
      for (const [world, files] of worlds) {
        if (files.length === 0) continue;
        await chrome.scripting
          .executeScript({ target: { tabId: tab.id, allFrames: true }, files, world, injectImmediately: true })
          .catch((err) => log.debug('could not inject into an open tab', { tabId: tab.id, error: err }));
      }
    }),
  );
  log.info('content scripts injected into open tabs', { tabs: tabs.length });
}
