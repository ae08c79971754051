import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/temp-dir';
import { startWorld, testEnv } from '../../helpers/world';

const CLI = join(import.meta.dirname, '../../fixtures/cli.ts');

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function cli(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const p = spawn(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dataDir, ...args], { env: { ...testEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => p.on('exit', (code) => resolve({ code, out, err })));
}

/** A demo data folder after one in-process sync (its daily backup taken at the sync's start). */
async function syncedFolder(t: Parameters<typeof startWorld>[0]): Promise<string> {
  const w = await startWorld(t, { reports: 40 });
  const run = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.ok(run.posted > 0 && run.held > 0);
  await w.core.close();
  return w.dataDir;
}

test('4 KB of garbage in the middle of the database: every command, sync included, exits 1 with one line and the way out', { timeout: 300_000 }, async (t) => {
  const dir = await syncedFolder(t);
  const db = join(dir, 'ml-connector.db');
  const fd = openSync(db, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(statSync(db).size / 2 / 16_384) * 16_384);
  closeSync(fd);
  const commands = [['sync'], ['held', 'list'], ['held', 'replay', '--all'], ['audit'], ['connections', 'list'], ['mappings', 'export', '--connection', 'demo-concur-x3'], ['backup']];
  const runs = await Promise.all(commands.map((c) => cli(dir, c)));
  runs.forEach((r, i) => {
    const label = commands[i]!.join(' ');
    assert.equal(r.code, 1, `${label}: ${r.err}`);
    assert.equal(r.out, '', label);
    const lines = r.err.trim().split('\n');
    assert.equal(lines.length, 1, `${label}: ${r.err}`);
    assert.match(lines[0]!, /^The database .*ml-connector\.db is damaged \(.+\); nothing was changed\. To continue, restore the latest automatic backup: npx ml-connector restore .*backups[/\\]ml-connector-\d{4}-\d{2}-\d{2}\.db$/, label);
  });
});

test('backup, delete the database (noticed loudly), restore: the state is back and marked restored', { timeout: 300_000 }, async (t) => {
  const dir = await syncedFolder(t);
  const held = await cli(dir, ['held', 'list', '--json']);
  assert.equal(held.code, 0, held.err);
  const copy = join(tempDir(t), 'copy.db');
  const backup = await cli(dir, ['backup', copy]);
  assert.equal(backup.code, 0, backup.err);
  assert.match(backup.out, /^Backed up the database to .*copy\.db \(\d+ bytes\)/);

  for (const side of ['', '-wal', '-shm']) rmSync(join(dir, `ml-connector.db${side}`), { force: true });
  const lost = await cli(dir, ['held', 'list', '--json']);
  assert.equal(lost.code, 0, lost.err);
  assert.deepEqual(JSON.parse(lost.out), []);
  assert.match(lost.err, /The database .* was missing although this data folder was used before \(found 1 automatic backup in .*, the demo's simulated ERP ledgers, its secret key file|its log/);
  const trail = JSON.parse((await cli(dir, ['audit', '--format', 'json'])).out) as Array<{ action: string; outcome: string }>;
  assert.deepEqual(trail.filter((e) => e.action === 'store').map((e) => e.outcome), ['missing']);

  const restored = await cli(dir, ['restore', copy]);
  assert.equal(restored.code, 0, restored.err);
  assert.match(restored.out, /Restored .*copy\.db into .*ml-connector\.db\. The database it replaced was kept as .*before-restore-.*\.db\./);
  assert.match(restored.out, /This data folder's database is restored: every document will be looked up in the ERP before it is posted/);
  const after = await cli(dir, ['held', 'list', '--json']);
  assert.equal(after.code, 0, after.err);
  assert.doesNotMatch(after.err, /missing/);
  assert.deepEqual(JSON.parse(after.out), JSON.parse(held.out));
  const audit = JSON.parse((await cli(dir, ['audit', '--format', 'json'])).out) as Array<{ action: string; outcome: string }>;
  assert.deepEqual(audit.filter((e) => e.action === 'store').map((e) => e.outcome), ['new', 'restored'], 'the restored database: its own "new" row, then the restore');

  const bad = await cli(dir, ['restore', join(dir, 'nope.db')]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /^Error: No such file: /);
});

test('while serve runs the demo folder: reading commands change nothing, a writing one is told who holds it', { timeout: 300_000 }, async (t) => {
  const dir = tempDir(t);
  const serve = spawn(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dir, 'serve', '--port', '0'], { env: testEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((r) => serve.on('exit', () => r()));
  // SIGKILL: a graceful stop would wait for serve's own scheduled sync of the demo company.
  t.after(async () => {
    serve.kill('SIGKILL');
    await exited;
  });
  let out = '';
  serve.stderr.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    serve.stdout.on('data', (d) => {
      out += d;
      if (/ml-connector is running at/.test(out)) resolve();
    });
    serve.on('exit', () => reject(new Error(`serve stopped: ${out}`)));
  });
  const urls = async () => {
    const r = await cli(dir, ['connections', 'list', '--json']);
    assert.equal(r.code, 0, r.err);
    return (JSON.parse(r.out) as Array<{ id: string; source: { tokenUrl?: string; partnerUrl?: string }; target: Record<string, unknown> }>).map((c) => JSON.stringify([c.id, c.source, c.target]));
  };
  // Rows other than serve's own scheduled syncs (actor "scheduler"): the rewiring wrote them as actor "demo".
  const auditCount = async () => (JSON.parse((await cli(dir, ['audit', '--format', 'json'])).out) as Array<{ actor: string }>).filter((e) => e.actor !== 'scheduler').length;
  const before = { urls: await urls(), audit: await auditCount() };
  assert.ok(before.urls.length >= 6);
  const reads = await Promise.all([cli(dir, ['held', 'list']), cli(dir, ['audit']), cli(dir, ['connections', 'list']), cli(dir, ['mappings', 'export', '--connection', 'demo-concur-x3'])]);
  for (const r of reads) assert.equal(r.code, 0, r.err);
  const sync = await cli(dir, ['sync', '--connection', 'demo-concur-x3'], { MLC_WRITER_WAIT_SECONDS: '0.5' });
  assert.equal(sync.code, 1);
  assert.match(sync.err, new RegExp(`^Error \\(CONFLICT\\): The browser bridge \\(ml-connector serve\\) on this PC \\(pid ${serve.pid}\\) is running the demo company's simulated systems for this data folder; try again in a minute\\n$`));
  assert.deepEqual(await urls(), before.urls, 'no command rewired the connections');
  assert.equal(await auditCount(), before.audit, 'no command wrote an audit row (serve\'s own scheduled syncs aside)');
  assert.ok(existsSync(join(dir, 'ml-connector.db')));
});
