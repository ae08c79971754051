#!/usr/bin/env node
// Entry point installed as `ml-connector`: runs the bundled CLI (built by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli.mjs');
if (!existsSync(bundle)) {
  console.error('ml-connector is not built yet: run "npm install" (or "npm run build") in ' + root);
  process.exit(1);
}
// A closed pipe (ml-connector audit | head) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
