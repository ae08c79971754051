import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '../../../main/core/store/db';
import { backupDirOf, dailyBackup, listBackups } from '../../../main/core/store/backups';
import { StoreDamagedError } from '../../../main/core/store/integrity';
import { migrate } from '../../../main/core/store/migrate';
import { migrations } from '../../../main/core/store/migrations/index';
import { RestoreError, restoreStore } from '../../../main/core/store/restore';
import { openStore } from '../../../main/core/store/store';
import { tempDir } from '../../helpers/temp-dir';

const now = () => new Date('2026-12-06T09:00:00Z');
const storeActions = (s: ReturnType<typeof openStore>) => s.audit.list({ action: 'store', limit: 10 });

/**
 * 4 KB of garbage written into the middle of a closed (checkpointed) database file, at the start of a page: the
 * b-tree page header SQLite reads. (Garbage only inside a text value is a well-formed record, which no check sees.)
 */
function corrupt(path: string): void {
  const page = 16_384;
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, Math.floor(statSync(path).size / 2 / page) * page);
  closeSync(fd);
}

function fillSome(s: ReturnType<typeof openStore>, n: number): void {
  for (let i = 0; i < n; i++) s.audit.append({ connectionId: null, actor: 'test', action: 'sync_start', outcome: 'ok', message: `run ${i} ${'x'.repeat(400)}` });
}

test('a new database is marked new (id, creation time) and audited; an upgraded one is "existing"', (t) => {
  const dir = tempDir(t);
  const s = openStore(join(dir, 'a.db'), now);
  const o = s.meta.origin();
  assert.equal(o.origin, 'new');
  assert.match(o.storeId, /^[0-9a-f]{32}$/);
  assert.equal(o.createdAt, '2026-12-06T09:00:00.000Z');
  assert.equal(s.notice, null, 'a first run is not an alarm');
  assert.deepEqual(storeActions(s).map((e) => [e.outcome, e.message]), [['new', "This data folder's database is new: every document will be looked up in the ERP before it is posted."]]);
  s.close();
  const again = openStore(join(dir, 'a.db'), now);
  assert.equal(again.meta.origin().storeId, o.storeId);
  assert.equal(storeActions(again).length, 1, 'reopening adds nothing');
  again.close();

  const oldPath = join(dir, 'old.db');
  const old = openDb(oldPath);
  migrate(old, oldPath, migrations.slice(0, 2));
  old.close();
  const upgraded = openStore(oldPath, now);
  assert.equal(upgraded.meta.origin().origin, 'existing');
  assert.equal(storeActions(upgraded).length, 0);
  upgraded.close();
});

test('a database missing where the folder shows it had one is said loudly, not recreated as a first run', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'ml-connector.db');
  mkdirSync(join(dir, 'backups'));
  writeFileSync(join(dir, 'backups', 'ml-connector-2026-12-05.db'), '');
  const s = openStore(path, now, { traces: ['its secret key file'] });
  assert.equal(s.meta.origin().origin, 'new');
  assert.match(s.meta.origin().missingBefore ?? '', /1 automatic backup in .*backups, its secret key file/);
  assert.match(s.notice ?? '', /^The database .* was missing although this data folder was used before/);
  assert.equal(storeActions(s)[0]?.outcome, 'missing');
  s.close();
});

test('4 KB of garbage in the middle of the file: refused at open with the way out', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'ml-connector.db');
  const s = openStore(path, now);
  fillSome(s, 400);
  await dailyBackup(s.db, path, now());
  s.close();
  corrupt(path);
  assert.throws(() => openStore(path, now), (e: unknown) => {
    assert.ok(e instanceof StoreDamagedError);
    assert.doesNotMatch(e.message, /\n/);
    assert.ok(e.message.endsWith(`restore the latest automatic backup: npx ml-connector restore ${join(dir, 'backups', 'ml-connector-2026-12-06.db')}`), e.message);
    return true;
  });
});

test('daily backups: one a day, the last N kept', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'ml-connector.db');
  const s = openStore(path, now);
  t.after(() => s.close());
  for (let d = 1; d <= 5; d++) {
    const day = new Date(`2026-12-0${d}T08:00:00Z`);
    assert.ok(await dailyBackup(s.db, path, day, 3));
    assert.equal(await dailyBackup(s.db, path, new Date(day.getTime() + 3_600_000), 3), null, 'once a day');
  }
  assert.deepEqual(listBackups(path).map((f) => f.slice(-13)), ['2026-12-05.db', '2026-12-04.db', '2026-12-03.db']);
  const copy = openStore(listBackups(path)[0]!, now);
  assert.equal(copy.audit.list({ action: 'store', limit: 5 }).length, 1);
  copy.close();
});

test('restore: a sound database is kept as a safety copy and replaced in place (open handles see it), marked restored', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'ml-connector.db');
  const s = openStore(path, now);
  fillSome(s, 3);
  await dailyBackup(s.db, path, now());
  fillSome(s, 5);
  const before = s.audit.list({ action: 'sync_start', limit: 100 }).length;
  assert.equal(before, 8);
  const r = await restoreStore(path, listBackups(path)[0]!, { owner: 'the CLI (ml-connector restore)' });
  assert.equal(r.origin.origin, 'restored');
  assert.ok(r.previous && existsSync(r.previous));
  // The handle opened before the restore reads the restored content, and the lease is free again.
  assert.equal(s.audit.list({ action: 'sync_start', limit: 100 }).length, 3);
  assert.equal(s.meta.origin().origin, 'restored');
  assert.match(storeActions(s)[0]!.message, /^This data folder's database is restored: every document will be looked up in the ERP before it is posted/);
  assert.equal(s.db.prepare('SELECT count(*) AS n FROM writer_lease').get() && (s.db.prepare('SELECT count(*) AS n FROM writer_lease').get() as { n: number }).n, 0);
  s.close();
  const safety = openStore(r.previous!, now);
  assert.equal(safety.audit.list({ action: 'sync_start', limit: 100 }).length, 8, 'the safety copy is the database as it was');
  safety.close();
});

test('restore over a damaged database moves it aside; a damaged or foreign backup file is refused', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'ml-connector.db');
  const s = openStore(path, now);
  fillSome(s, 400);
  await dailyBackup(s.db, path, now());
  s.close();
  corrupt(path);
  const r = await restoreStore(path, listBackups(path)[0]!, { owner: 'the CLI (ml-connector restore)' });
  assert.match(r.previous ?? '', /damaged-.*\.db$/);
  const back = openStore(path, now);
  assert.equal(back.audit.list({ action: 'sync_start', limit: 1000 }).length, 400);
  assert.equal(back.meta.origin().origin, 'restored');
  back.close();

  const bad = join(dir, 'bad.db');
  const b = openStore(bad, now);
  fillSome(b, 400);
  b.close();
  corrupt(bad);
  await assert.rejects(restoreStore(path, bad, { owner: 'x' }), (e: unknown) => e instanceof RestoreError && /is damaged/.test(e.message));
  const foreign = join(dir, 'foreign.db');
  const f = openDb(foreign);
  f.exec('CREATE TABLE t (x)');
  f.close();
  await assert.rejects(restoreStore(path, foreign, { owner: 'x' }), /not an ml-connector database/);
  await assert.rejects(restoreStore(path, join(dir, 'nope.db'), { owner: 'x' }), /No such file/);
  assert.ok(readdirSync(backupDirOf(path)).every((f2) => !f2.startsWith('restoring-')), 'no working copy left behind');
  rmSync(bad);
});
