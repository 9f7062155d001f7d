// A file input that never enters the document: created on click, opened
// with .click(), read in its own change listener.
document.getElementById('attach').addEventListener('click', () => {
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  input.addEventListener('change', () => {
    for (const file of input.files) void window.uploadFile(file, 'detached');
  });
  input.click();
});
