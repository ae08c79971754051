// A fresh `npm ci` must print no warning: every locked package accepts the Node versions the project
// declares (no EBADENGINE), and every install script is either allowed or denied in allowScripts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { minimumOf, satisfiesRange } from '../../helpers/node-range';

interface LockEntry { engines?: { node?: string } | string[]; hasInstallScript?: boolean }
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string }; allowScripts?: Record<string, boolean>; overrides?: Record<string, string> };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
const entries = Object.entries(lock.packages).filter(([k]) => k !== '');
const nameOf = (k: string) => k.slice(k.lastIndexOf('node_modules/') + 'node_modules/'.length);

test('the range reader agrees with npm on the forms the lock uses', () => {
  assert.ok(satisfiesRange('20.19.0', '^20.19.0 || ^22.13.0 || >=24'));
  assert.ok(!satisfiesRange('20.10.0', '^20.19.0 || ^22.13.0 || >=24'));
  assert.ok(!satisfiesRange('20.20.2', '>=22.12.0'));
  assert.ok(satisfiesRange('20.19.0', '20.x || 22.x'));
  assert.ok(satisfiesRange('20.19.0', '>=6 <7 || >=8'));
  assert.ok(!satisfiesRange('6.5.0', '>=6 <6.4 || >=8'));
  assert.ok(satisfiesRange('20.19.0', '>= 12.20.55'));
  assert.ok(!satisfiesRange('21.0.0', '18 || 20'));
  assert.ok(satisfiesRange('14.18.0', '~14.17 || >=14.18'));
});

test('every locked package accepts the lowest Node the project declares and the Node running the tests', () => {
  const lowest = minimumOf(pkg.engines.node);
  const bad = entries.flatMap(([k, e]) => {
    const range = e.engines && !Array.isArray(e.engines) ? e.engines.node : undefined;
    if (!range) return [];
    return [lowest, process.versions.node].filter((v) => !satisfiesRange(v, range)).map((v) => `${nameOf(k)} wants node ${range}, not ${v}`);
  });
  assert.deepEqual(bad, []);
});

test('@electron/rebuild stays on the Node 20 line electron-builder can drive (4.x and node-abi 4 want Node 22.12)', () => {
  assert.equal(pkg.overrides?.['@electron/rebuild'], '3.6.1');
  const rebuild = entries.filter(([k]) => nameOf(k) === '@electron/rebuild');
  assert.ok(rebuild.length > 0 && rebuild.every(([, e]) => (e as { version?: string }).version === '3.6.1'));
});

test('every dependency with an install script is allowed or denied in allowScripts (npm 11 otherwise skips and warns)', () => {
  const withScripts = [...new Set(entries.filter(([, e]) => e.hasInstallScript).map(([k]) => nameOf(k)))];
  assert.ok(withScripts.includes('better-sqlite3') && withScripts.includes('electron'));
  assert.deepEqual(withScripts.filter((n) => !(n in (pkg.allowScripts ?? {}))), []);
  // The native SQLite module, esbuild's binary and Electron's binary download must run.
  for (const n of ['better-sqlite3', 'esbuild', 'electron']) assert.equal(pkg.allowScripts?.[n], true, n);
});
