// Runs the given *.test.ts files (or folders) in ONE Node process, for mutation testing: Node's runner
// started with --test spawns a process per file, which costs more than the tests of one folder take.
// Usage: node --import tsx scripts/run-tests-in-process.mjs test/unit/money.test.ts test/unit/money
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

function collect(p, out) {
  if (!statSync(p).isDirectory()) return p.endsWith('.test.ts') ? [...out, p] : out;
  return readdirSync(p).sort().reduce((acc, name) => collect(join(p, name), acc), out);
}

const files = process.argv.slice(2).reduce((acc, p) => collect(p, acc), []);
if (files.length === 0) {
  console.error('No test files found.');
  process.exit(1);
}
process.env.MLC_TEST = '1';
for (const f of files) await import(pathToFileURL(resolve(f)).href);
