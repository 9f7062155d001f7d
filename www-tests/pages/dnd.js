// A drop zone that uploads every dropped file at once.
const zone = document.getElementById('zone');
zone.addEventListener('dragenter', (event) => {
  event.preventDefault();
  zone.classList.add('over');
});
zone.addEventListener('dragover', (event) => event.preventDefault());
zone.addEventListener('dragleave', () => zone.classList.remove('over'));
zone.addEventListener('drop', (event) => {
  event.preventDefault();
  zone.classList.remove('over');
  for (const file of event.dataTransfer.files) void window.uploadFile(file, 'drop');
});
