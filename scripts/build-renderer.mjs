// Builds the app with esbuild: the renderer into dist/renderer (index.html, app.js, styles.css and
// bridge-client.js, injected by the browser bridge only) and Electron's main + preload into dist/electron.
import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = 'dist/renderer';
const dev = process.argv.includes('--dev');
mkdirSync(outdir, { recursive: true });

await build({
  entryPoints: { app: 'renderer/main.tsx', 'bridge-client': 'renderer/bridge/bridge-client.ts' },
  outdir,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome120'],
  jsx: 'automatic',
  minify: !dev,
  sourcemap: dev ? 'linked' : false,
  define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync('renderer/index.html', `${outdir}/index.html`);
copyFileSync('renderer/styles.css', `${outdir}/styles.css`);
console.log(`renderer built into ${outdir}`);

// Electron main (ESM) and the sandboxed preload (CommonJS, as sandboxed preloads require). electron and
// the native/packaged modules stay external; the rest of our code is bundled in.
const external = ['electron', 'better-sqlite3', 'electron-store'];
await build({ entryPoints: { main: 'main/electron/main.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.mjs' }, bundle: true, platform: 'node', target: 'node22', format: 'esm', external, packages: 'external', sourcemap: true, logLevel: 'warning' });
await build({ entryPoints: { preload: 'preload/index.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' }, bundle: true, platform: 'node', target: 'node22', format: 'cjs', external: ['electron'], logLevel: 'warning' });
console.log('electron main and preload built into dist/electron');
