import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDb } from '../../../main/core/store/db';
import { tempDir } from '../../helpers/temp-dir';

test('transactions begin IMMEDIATE: a read-then-write never meets "database is locked" from a commit in between', (t) => {
  const path = join(tempDir(t), 'x.db');
  const a = openDb(path);
  const b = openDb(path);
  t.after(() => {
    a.close();
    b.close();
  });
  a.exec('CREATE TABLE n (v INTEGER)');
  b.pragma('busy_timeout = 50');
  let other: unknown = null;
  a.transaction(() => {
    const count = (a.prepare('SELECT count(*) AS c FROM n').get() as { c: number }).c;
    // Another process tries to commit between our read and our write: it waits for us instead.
    try {
      b.prepare('INSERT INTO n (v) VALUES (99)').run();
    } catch (e) {
      other = e;
    }
    a.prepare('INSERT INTO n (v) VALUES (?)').run(count + 1);
  })();
  assert.match(String((other as { code?: string } | null)?.code), /^SQLITE_BUSY/);
  assert.deepEqual(a.prepare('SELECT v FROM n').all(), [{ v: 1 }]);
  // Explicit variants still work.
  a.transaction(() => a.prepare('INSERT INTO n (v) VALUES (2)').run()).deferred();
});
