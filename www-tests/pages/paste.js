// An editor that handles paste itself, like rich chat composers: pasted files
// are uploaded, pasted text is inserted as plain text by the page's own code.
const editor = document.getElementById('editor');
editor.addEventListener('paste', (event) => {
  event.preventDefault();
  const data = event.clipboardData;
  window.handlerCalls.push({ via: 'paste', files: data.files.length, text: data.getData('text/plain').length });
  for (const file of data.files) void window.uploadFile(file, 'paste');
  const text = data.getData('text/plain');
  if (text) document.execCommand('insertText', false, text);
});
