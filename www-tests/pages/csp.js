// File input and drop zone under a strict CSP: nospill's scanner must still run.
document.getElementById('file').addEventListener('change', (event) => {
  for (const file of event.target.files) void window.uploadFile(file, 'csp');
});
const zone = document.getElementById('zone');
zone.addEventListener('dragover', (event) => event.preventDefault());
zone.addEventListener('drop', (event) => {
  event.preventDefault();
  for (const file of event.dataTransfer.files) void window.uploadFile(file, 'csp-drop');
});
