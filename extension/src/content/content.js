// nospill content script entry (classic script, ISOLATED world, document_start).
// Content scripts cannot be ES modules, so this imports the real one; the
// imported modules are listed as web-accessible in manifest.json. Running it
// again (the service worker re-injects it after an update) starts a new
// instance, which replaces the old one.
(() => {
  const url = chrome.runtime.getURL('src/content/main.js');
  import(url).then(
    (module) => module.start(),
    async (err) => {
      try {
        const { createLogger } = await import(chrome.runtime.getURL('src/shared/logger.js'));
        createLogger('content').error('could not load the content script', { error: err });
      } catch {
        // Nothing left to report with.
      }
    },
  );
})();
