import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dispatch } from '../../../main/core/dispatch';
import { createHeadlessCore } from '../../../main/host/headless-core';
import { tempDir } from '../../helpers/temp-dir';
import { testEnv } from '../../helpers/world';

test('store.info and store.backup through the contract; writing methods refused while another process writes, reads never', async (t) => {
  const dataDir = tempDir(t);
  const app = createHeadlessCore({ dataDir, env: testEnv(), owner: 'the desktop app' }).core;
  const cli = createHeadlessCore({ dataDir, env: { ...testEnv(), MLC_WRITER_WAIT_SECONDS: '0.1' }, owner: 'the CLI (ml-connector held dismiss)' }).core;
  t.after(async () => {
    await cli.close();
    await app.close();
  });
  const info = await dispatch(cli, 'store.info', {}, 'cli');
  assert.ok(info.ok);
  assert.equal((info.data as { origin: string }).origin, 'new');
  assert.equal((info.data as { writer: unknown }).writer, null);

  const release = await app.runtime.writer.acquire('syncing this data folder');
  const busy = { code: 'CONFLICT', message: `The desktop app on this PC (pid ${process.pid}) is syncing this data folder; try again in a minute`, retryable: true };
  for (const [method, input] of [
    ['held.dismiss', { id: 1, reason: 'not ours' }],
    ['held.replay', { all: true }],
    ['mappings.importCsv', { connectionId: 'x', csv: 'kind,source_code,source_name,target\n' }],
  ] as const) {
    const r = await dispatch(cli, method, input, 'cli');
    assert.ok(!r.ok, method);
    assert.deepEqual({ ...r.error, details: undefined }, { ...busy, details: undefined }, method);
  }
  for (const [method, input] of [
    ['postings.list', {}],
    ['audit.list', {}],
    ['connections.list', {}],
    ['store.info', {}],
  ] as const) assert.ok((await dispatch(cli, method, input, 'cli')).ok, `${method} reads without the lease`);
  const held = await dispatch(cli, 'store.info', {}, 'cli');
  assert.equal((held.ok && (held.data as { writer: { owner: string } }).writer.owner), 'the desktop app');
  release();

  const backup = await dispatch(cli, 'store.backup', {}, 'cli');
  assert.ok(backup.ok);
  const { path, bytes } = backup.data as { path: string; bytes: number };
  assert.match(path, /backups[/\\]manual-.*\.db$/);
  assert.ok(existsSync(path) && bytes > 0);
});
