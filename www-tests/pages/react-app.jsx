// A React 19 chat page whose file input uploads with fetch the moment a file
// is chosen, like the big chat sites.
import { createRoot } from 'react-dom/client';
import { useState } from 'react';

function App() {
  const [files, setFiles] = useState([]);
  const [pings, setPings] = useState(0);
  const onChange = async (event) => {
    const chosen = [...event.target.files];
    event.target.value = '';
    for (const file of chosen) {
      await window.uploadFile(file, 'react');
      setFiles((list) => [...list, `${file.name} (${file.size} bytes)`]);
    }
  };
  return (
    <>
      <header>Acme Chat · React</header>
      <main>
        <div className="bubble">Hi! Attach a file and I will summarise it.</div>
        <div id="messages" />
        <ul className="uploads" id="react-uploads">
          {files.map((name, i) => (
            <li key={i}>attached {name}</li>
          ))}
        </ul>
        <button id="ping" type="button" onClick={() => setPings((n) => n + 1)}>
          ping
        </button>{' '}
        <output id="pings">{pings}</output>
      </main>
      <div className="composer">
        <div className="box">
          <label className="button" htmlFor="file">
            Attach
          </label>
          <input id="file" type="file" multiple onChange={onChange} style={{ width: 240 }} />
          <textarea id="composer" rows="1" placeholder="Message Acme Chat" />
        </div>
      </div>
    </>
  );
}

createRoot(document.getElementById('root')).render(<App />);
