// Issue item 12: the demo's closing text and the replay's last line, as a new user reads them in a terminal:
// commands that run as printed (npx), held items with their connection, a next step for every connection with
// held items, and a replay that never just ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { replayNextStep } from '../../../main/cli/commands';
import { tempDir } from '../../helpers/temp-dir';
import { TEST_KEY } from '../../helpers/world';

const CLI = join(import.meta.dirname, '../../fixtures/cli.ts');
function cli(dataDir: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dataDir, ...args], { env: { ...process.env, MLC_SECRET_KEY: TEST_KEY }, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('item 12: the demo closes with runnable npx commands, held items with their connection and a next step per connection', (t) => {
  const dir = tempDir(t);
  const demo = cli(dir, ['demo']);
  assert.equal(demo.code, 0, demo.err);
  const commands = demo.out.split('\n').filter((l) => /^\s+(npx )?ml-connector /.test(l) || /: (npx )?ml-connector /.test(l));
  assert.ok(commands.length >= 3, demo.out);
  assert.deepEqual(commands.filter((l) => !l.includes('npx ml-connector')), [], 'every command is printed as it runs: with npx');
  const header = demo.out.split('\n').find((l) => l.startsWith('ID'));
  assert.match(header ?? '', /^ID\s+CONNECTION\s+REPORT\s+AMOUNT\s+WHY$/);
  const heldConnections = new Set(demo.out.split('\n').filter((l) => /^\s*\d+\s+demo-/.test(l)).map((l) => l.trim().split(/\s+/)[1]!));
  assert.ok(heldConnections.size >= 2, 'the demo holds items on more than one connection');
  for (const id of heldConnections) assert.match(demo.out, new RegExp(`\\n  ${id} \\(\\d+ held\\): `), `a next step for ${id}`);

  const replay = cli(dir, ['held', 'replay', '--all', '--connection', 'demo-concur-x3']);
  assert.equal(replay.code, 0, replay.err);
  assert.match(replay.out.trim().split('\n').at(-1)!, /^Next: \d+ still held: fix the mappings named above/);
});

test('item 12: the last line of a replay says what to do next in every case', () => {
  assert.match(replayNextStep([]), /^Nothing to replay: .*"npx ml-connector sync" reads new documents\.$/);
  assert.equal(replayNextStep([{ status: 'posted', connectionId: 'a' }]), 'Done: nothing is held any more.');
  assert.match(replayNextStep([{ status: 'failed', connectionId: 'a' }]), /^Next: 1 failed because the ERP did not accept or answer: they are retried on the next sync/);
  assert.match(replayNextStep([{ status: 'held', connectionId: 'c9' }, { status: 'posted', connectionId: 'c9' }]), /1 still held: .*--connection c9/);
});
