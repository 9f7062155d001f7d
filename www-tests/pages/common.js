// What every test page shares: the upload call (the moment a file arrives,
// like chat sites do), a log of calls to the page's upload handler that the
// tests read, and a timer that shows whether the page stays responsive.
window.handlerCalls = [];
window.ticks = { count: 0, last: performance.now(), maxGap: 0 };
// The last trusted dragover: a drop follows it at once, so benchmarks time
// drop → verdict from here (nospill stops the drop itself before the page sees it).
window.lastDragOver = 0;
window.addEventListener('dragover', (event) => {
  if (event.isTrusted) window.lastDragOver = performance.timeOrigin + performance.now();
});

// Main-thread tasks over 50 ms (content scripts run on this thread too), with
// their start as epoch milliseconds.
window.longTasks = [];
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const source = entry.attribution?.[0];
      window.longTasks.push({
        at: performance.timeOrigin + entry.startTime,
        ms: Math.round(entry.duration),
        // 'self', or which frame the task ran in (a same-process iframe shares this thread).
        from: entry.name === 'self' ? 'self' : `${entry.name} ${source?.containerSrc ?? ''}`.trim(),
      });
    }
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // No Long Tasks API: the timer below still shows stalls.
}
setInterval(() => {
  const now = performance.now();
  window.ticks.maxGap = Math.max(window.ticks.maxGap, now - window.ticks.last);
  window.ticks.last = now;
  window.ticks.count++;
}, 10);

/**
 * Uploads one file at once, as chat sites do.
 * @param {File} file
 * @param {string} via
 */
window.uploadFile = async (file, via) => {
  window.handlerCalls.push({ via, name: file.name, size: file.size, at: performance.timeOrigin + performance.now() });
  const response = await fetch(`/upload?via=${encodeURIComponent(via)}`, {
    method: 'POST',
    headers: { 'x-file-name': encodeURIComponent(file.name), 'content-type': 'application/octet-stream' },
    body: file,
  });
  const list = document.querySelector('ul.uploads');
  if (list) {
    const item = document.createElement('li');
    item.textContent = `uploaded ${file.name} (${file.size} bytes): ${response.status}`;
    list.append(item);
  }
};

/**
 * Sends a chat message.
 * @param {string} text
 * @param {string} via
 */
window.sendMessage = async (text, via) => {
  window.handlerCalls.push({ via, message: true, at: performance.timeOrigin + performance.now() });
  await fetch(`/message?via=${encodeURIComponent(via)}`, { method: 'POST', body: text });
  const log = document.querySelector('#messages');
  if (log) {
    const bubble = document.createElement('div');
    bubble.className = 'bubble me';
    bubble.textContent = text;
    log.append(bubble);
  }
};
