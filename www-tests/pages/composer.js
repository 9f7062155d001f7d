// A textarea composer that sends on Enter (Shift+Enter is a new line);
// pasting uses the browser's default insertion.
const composer = document.getElementById('composer');
composer.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' || event.shiftKey) return;
  event.preventDefault();
  window.lastEnterTrusted = event.isTrusted;
  const text = composer.value;
  if (!text.trim()) return;
  composer.value = '';
  void window.sendMessage(text, 'composer');
});
