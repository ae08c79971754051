// npm start's diagnosis of a missing Electron binary: each way the optional package can be absent or broken
// gets its own reason and the command that fixes it (never "run npm install" where that changes nothing).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
// @ts-expect-error -- a plain .mjs script without type declarations
import { electronStatus } from '../../../scripts/electron-status.mjs';

type Status = { path?: string; why?: string; fix?: string };
const status = electronStatus as (root: string, env: Record<string, string>, probe: () => Promise<unknown>) => Promise<Status>;
const offline = async () => ({ url: 'https://github.com/electron/electron/releases', reachable: false, error: 'ENOTFOUND' });
const online = async () => ({ url: 'https://github.com/electron/electron/releases', reachable: true, error: null });

function project(t: { after(fn: () => void): void }, o: { allow?: boolean; installed?: boolean; pathTxt?: string; binary?: boolean }) {
  const root = mkdtempSync(join(tmpdir(), 'mlc-start-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ allowScripts: o.allow === false ? {} : { electron: true } }));
  const dir = join(root, 'node_modules', 'electron');
  if (o.installed !== false) {
    mkdirSync(join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"name":"electron"}');
    if (o.pathTxt) writeFileSync(join(dir, 'path.txt'), o.pathTxt);
    if (o.binary) writeFileSync(join(dir, 'dist', o.pathTxt!), '');
  }
  return root;
}

test('a complete install gives the binary path', async (t) => {
  const root = project(t, { pathTxt: 'electron', binary: true });
  assert.equal((await status(root, {}, offline)).path, join(root, 'node_modules', 'electron', 'dist', 'electron'));
});

test('an install script npm blocked is named as the cause, and the fix runs it directly', async (t) => {
  const blocked = await status(project(t, { allow: false }), {}, online);
  assert.match(blocked.why!, /never ran its install script.*allowScripts/);
  assert.match(blocked.fix!, /node node_modules\/electron\/install\.js/);
  assert.doesNotMatch(blocked.fix!, /network access/);
  assert.match((await status(project(t, {}), { npm_config_ignore_scripts: 'true' }, online)).why!, /ignore-scripts/);
});

test('a download that cannot reach GitHub says so and points to ELECTRON_MIRROR', async (t) => {
  const s = await status(project(t, { installed: false }), {}, offline);
  assert.match(s.why!, /not installed: npm drops it when its install script fails/);
  assert.match(s.fix!, /cannot reach .*ENOTFOUND.*ELECTRON_MIRROR/);
  const reachable = await status(project(t, { installed: false }), {}, online);
  assert.match(reachable.fix!, /answers from here/);
});

test('optional packages omitted, a half-finished script and a deleted binary each get their own reason', async (t) => {
  let probed = 0;
  const omitted = await status(project(t, { installed: false }), { npm_config_omit: 'optional' }, async () => (probed++, online()));
  assert.match(omitted.fix!, /--include=optional/);
  assert.equal(probed, 0, 'no network check when the cause is known');
  assert.match((await status(project(t, {}), {}, online)).why!, /did not finish downloading/);
  const deleted = await status(project(t, { pathTxt: 'electron.exe' }), {}, online);
  assert.match(deleted.why!, /electron\.exe is missing/);
  assert.match(deleted.fix!, /delete node_modules\/electron\/dist/);
});
