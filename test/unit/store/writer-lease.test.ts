import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../main/core/store/store';
import { busyMessage, WriterLease } from '../../../main/core/store/writer-lease';
import { isConnectorError } from '../../../main/core/errors';
import { tempDir } from '../../helpers/temp-dir';

const now = () => new Date();
const twoStores = (t: { after(fn: () => void): void }) => {
  const path = join(tempDir(t), 'mlc.db');
  const a = openStore(path, now);
  const b = openStore(path, now);
  t.after(() => {
    a.close();
    b.close();
  });
  return { a, b };
};

test('a second writer waits its bound, then gets CONFLICT (retryable) naming the holder; re-entrant in the holder', async (t) => {
  const { a, b } = twoStores(t);
  const app = new WriterLease(a.db, { owner: 'the desktop app' });
  const cli = new WriterLease(b.db, { owner: 'the CLI (ml-connector sync)', waitMs: 150, pollMs: 10 });
  const release = await app.acquire('syncing this data folder');
  const inner = await app.acquire('replaying held posts of this data folder');
  inner();
  assert.equal(app.holder()?.owner, 'the desktop app', 'an inner release keeps the lease');
  const started = Date.now();
  await assert.rejects(cli.acquire('syncing this data folder'), (e: unknown) => {
    assert.ok(isConnectorError(e));
    assert.equal(e.code, 'CONFLICT');
    assert.equal(e.retryable, true);
    assert.equal(e.message, `The desktop app on this PC (pid ${process.pid}) is syncing this data folder; try again in a minute`);
    return true;
  });
  assert.ok(Date.now() - started >= 140, 'it waited');
  release();
  assert.equal(app.holder(), null);
  const mine = await cli.acquire('syncing this data folder');
  assert.equal(cli.holder()?.owner, 'the CLI (ml-connector sync)');
  mine();
});

test('the waiting writer gets the lease as soon as the holder lets go', async (t) => {
  const { a, b } = twoStores(t);
  const first = new WriterLease(a.db, { owner: 'first' });
  const second = new WriterLease(b.db, { owner: 'second', waitMs: 5_000, pollMs: 10 });
  const release = await first.acquire('syncing this data folder');
  const waiting = second.acquire('syncing this data folder');
  setImmediate(release);
  (await waiting)();
});

test('a stale lease (old heartbeat, or a dead process on this host) is taken over and reported', async (t) => {
  const { a, b } = twoStores(t);
  const took: string[] = [];
  let clock = Date.parse('2026-12-06T10:00:00Z');
  const dead = new WriterLease(a.db, { owner: 'the desktop app', now: () => clock });
  await dead.acquire('syncing this data folder');
  const next = new WriterLease(b.db, { owner: 'the CLI', waitMs: 0, staleMs: 60_000, now: () => clock, onTakeover: (prev, why) => took.push(`${prev.owner}: ${why}`) });
  clock += 30_000;
  await assert.rejects(next.acquire('syncing this data folder'), /The desktop app on this PC/);
  clock += 31_000;
  (await next.acquire('syncing this data folder'))();
  assert.deepEqual(took, ['the desktop app: no heartbeat for 61 s']);

  // Same host, fresh heartbeat, but the process is gone (its pid from a child that has exited).
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const pid = Number(gone.stdout);
  const at = new Date(clock).toISOString();
  a.db.prepare('INSERT INTO writer_lease (id, token, owner, activity, host, pid, started_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)').run('x', 'the CLI (ml-connector sync)', 'syncing this data folder', hostname(), pid, at, at);
  (await next.acquire('syncing this data folder'))();
  assert.equal(took[1], `the CLI (ml-connector sync): process ${pid} is no longer running`);
});

test('the holder renews its heartbeat; another computer is named as such', async (t) => {
  const { a } = twoStores(t);
  const lease = new WriterLease(a.db, { owner: 'the desktop app', heartbeatMs: 20 });
  const release = await lease.acquire('syncing this data folder');
  const first = lease.holder()!.heartbeatAt;
  const until = Date.now() + 5_000;
  while (lease.holder()!.heartbeatAt === first && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  assert.notEqual(lease.holder()!.heartbeatAt, first);
  release();
  assert.equal(busyMessage({ owner: 'the desktop app', activity: 'syncing this data folder', host: 'ACCT-PC-2', pid: 42, startedAt: '', heartbeatAt: '' }, 'here'), 'The desktop app on the computer "ACCT-PC-2" (pid 42) is syncing this data folder; try again in a minute');
});
