// Hardening item 8: the data folder and every file in it are private to the user (700/600 on POSIX),
// for a new folder and for one an older version left world-readable; Windows relies on the profile's ACLs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHeadlessCore } from '../../../main/host/headless-core';
import { makeDataFolderPrivate } from '../../../main/host/private-data';
import { tempDir } from '../../helpers/temp-dir';

const mode = (p: string) => statSync(p).mode & 0o777;

function allModes(root: string): Array<[string, number]> {
  const out: Array<[string, number]> = [[root, mode(root)]];
  for (const name of readdirSync(root)) {
    const p = join(root, name);
    out.push(...(statSync(p).isDirectory() ? allModes(p) : [[p, mode(p)] as [string, number]]));
  }
  return out;
}

test('a new data folder: the folder is 700, the database, its WAL, the log and secret.key 600', { skip: process.platform === 'win32' && 'POSIX modes' }, async (t) => {
  const dir = join(tempDir(t), 'data');
  const built = createHeadlessCore({ dataDir: dir, env: {} });
  built.core.runtime.logger.info('hello');
  built.core.runtime.store.audit.append({ connectionId: null, actor: 't', action: 'connection_change', outcome: 'x', message: 'y' });
  assert.ok(existsSync(join(dir, 'ml-connector.db-wal')), 'WAL exists while open');
  for (const [p, m] of allModes(dir)) assert.equal(m, statSync(p).isDirectory() ? 0o700 : 0o600, `${p} is ${m.toString(8)}`);
  await built.core.close();
});

test('a folder an older version left readable (644 files, 755 folders) is tightened at start', { skip: process.platform === 'win32' && 'POSIX modes' }, (t) => {
  const dir = join(tempDir(t), 'data');
  mkdirSync(join(dir, 'logs'), { recursive: true, mode: 0o755 });
  chmodSync(dir, 0o755);
  for (const f of ['ml-connector.db', 'ml-connector.db-wal', 'logs/ml-connector.log']) writeFileSync(join(dir, f), 'x', { mode: 0o644 });
  const r = makeDataFolderPrivate(dir, 'linux');
  assert.deepEqual(r.tightened.sort(), ['.', 'logs', 'logs/ml-connector.log', 'ml-connector.db', 'ml-connector.db-wal']);
  for (const [p, m] of allModes(dir)) assert.equal(m, statSync(p).isDirectory() ? 0o700 : 0o600, p);
  assert.deepEqual(makeDataFolderPrivate(dir, 'linux').tightened, [], 'nothing left to tighten');
});

test('Windows: a folder inside the profile is private by its ACLs; one outside it is reported', (t) => {
  const profile = tempDir(t);
  assert.equal(makeDataFolderPrivate(join(profile, 'AppData', 'Roaming', 'ml-connector'), 'win32', { USERPROFILE: profile }).warning, null);
  assert.match(makeDataFolderPrivate(join(tempDir(t), 'shared'), 'win32', { USERPROFILE: profile }).warning!, /outside your user profile/);
});
