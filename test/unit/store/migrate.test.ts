import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '../../../main/core/store/db';
import { migrate, MigrationError, sha256 } from '../../../main/core/store/migrate';
import { migrations } from '../../../main/core/store/migrations/index';
import { openStore } from '../../../main/core/store/store';
import { tempDir } from '../../helpers/temp-dir';

// Shipped migrations are frozen: editing one must fail this test, not silently diverge on users' disks.
const PINNED: Record<number, string> = {
  1: '2484d5fc3badc9f9e8382b025e25b5eaabf7fa105759927359394c5a4cf15581',
  2: 'cb1b760166f35ee30a13401671c772ccefc1c6bbe42370500c5d28159bbebb04',
  3: '41eef406ebfe51283c3e065ddff705b457f6c3d149d4a0035a209ae4ea8a3e9a',
  4: 'edbb6749cefbc5ea60439d041185d20938af77c587a2a8e6ca5c3dd7e63f79d8',
  5: '3f657b8b703716fa111d07f2d2f5b755fc28c03481d8270c93050403d21e1885',
  6: '9d4d76ae549aea1401b933191b67fe63ee5f97e8b482fb953275e3392f52250e',
  7: '8813ace566181c341a8c79c34df98f6960c2d5e62c45c5fddf93bbb174c4ff7c',
};

test('the registry lists every migration file in strictly increasing order', () => {
  const files = readdirSync(join(import.meta.dirname, '../../../main/core/store/migrations')).filter((f) => /^\d{4}-/.test(f));
  assert.equal(files.length, migrations.length);
  // Numbers are reserved per feature branch, so one may land before another: increasing, not contiguous.
  migrations.forEach((m, i) => assert.ok(i === 0 ? m.id === 1 : m.id > migrations[i - 1]!.id, `migration ${m.id} out of order`));
});

test('shipped migration hashes match the pinned list', () => {
  for (const m of migrations) assert.equal(sha256(m.up), PINNED[m.id], `migration ${m.id} changed after release`);
});

test('a database from a newer build, or with an edited migration, is refused', (t) => {
  const path = join(tempDir(t), 'a.db');
  const db = openDb(path);
  migrate(db, path);
  db.prepare("INSERT INTO schema_migrations (id, name, sha256, applied_at) VALUES (99, 'future', 'x', 'now')").run();
  assert.throws(() => migrate(db, path), MigrationError);
  db.close();
  const path2 = join(tempDir(t), 'b.db');
  const db2 = openDb(path2);
  migrate(db2, path2);
  assert.throws(() => migrate(db2, path2, [{ ...migrations[0]!, up: migrations[0]!.up + '\n-- edited' }]), /differs/);
  db2.close();
});

test('a pending migration on an existing file is preceded by a VACUUM INTO backup', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'c.db');
  const db = openDb(path);
  migrate(db, path);
  const nextId = migrations.at(-1)!.id + 1;
  const next = [...migrations, { id: nextId, name: 'extra', up: 'CREATE TABLE extra (x INTEGER);' }];
  const r = migrate(db, path, next);
  assert.deepEqual(r.applied, [nextId]);
  assert.ok(readdirSync(dir).some((f) => f.endsWith(`.pre-${nextId}.bak`)));
  db.close();
});

test('the audit trail is append-only', (t) => {
  const store = openStore(join(tempDir(t), 'd.db'), () => new Date());
  store.audit.append({ connectionId: null, actor: 'test', action: 'sync_start', outcome: 'ok', message: 'password=hunter2 Authorization: Basic dXNlcjpwYXNz' });
  const [e] = store.audit.list({ limit: 10 });
  assert.ok(e);
  assert.doesNotMatch(e.message, /hunter2|dXNlcjpwYXNz/);
  assert.throws(() => store.db.prepare('UPDATE audit_events SET message = ?').run('x'), /append-only/);
  assert.throws(() => store.db.prepare('DELETE FROM audit_events').run(), /append-only/);
  store.close();
});
