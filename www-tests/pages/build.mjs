// Builds the React test page with esbuild into pages/dist/.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
await build({
  entryPoints: [`${here}react-app.jsx`],
  outdir: `${here}dist`,
  bundle: true,
  format: 'iife',
  jsx: 'automatic',
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
