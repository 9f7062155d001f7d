// A web component whose file input sits in a CLOSED shadow root; its change
// event never crosses the shadow boundary to window.
customElements.define(
  'upload-box',
  class extends HTMLElement {
    constructor() {
      super();
      const root = this.attachShadow({ mode: 'closed' });
      const style = document.createElement('style');
      style.textContent = 'input { display: block; width: 320px; height: 60px; border: 2px dashed #8e8ea0; }';
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.addEventListener('change', () => {
        for (const file of input.files) void window.uploadFile(file, 'shadow');
      });
      root.append(style, input);
    }
  },
);
