import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from '../../helpers/world';
import { ledgerMatchesOutbox, startWorld, testEnv } from '../../helpers/world';

const CHILD = join(import.meta.dirname, '../../fixtures/writer-child.ts');

interface ChildResult {
  code: number | null;
  out: string;
  err: string;
}

function child(dataDir: string, what: 'sync' | 'replay', delayMs: number, waitSeconds: number): Promise<ChildResult> {
  const p = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, what, String(delayMs)], { env: { ...testEnv(), MLC_WRITER_WAIT_SECONDS: String(waitSeconds) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => p.on('exit', (code) => resolve({ code, out, err })));
}

/** Each child either did its work or was told plainly who holds the folder; nobody saw "database is locked". */
function assertWinnerOrPlainRefusal(r: ChildResult, label: string): 'ok' | 'refused' {
  assert.doesNotMatch(r.out + r.err, /database is locked|SQLITE_BUSY/i, `${label}: ${r.err}`);
  const res = JSON.parse(r.out.trim().split('\n').pop() ?? '{}') as { ok: boolean; data?: { status?: string }; error?: { code: string; message: string; retryable: boolean } };
  if (res.ok) {
    assert.equal(r.code, 0, `${label}: ${r.err}`);
    return 'ok';
  }
  assert.equal(r.code, 1);
  assert.equal(res.error?.code, 'CONFLICT', `${label}: ${JSON.stringify(res.error)}`);
  assert.equal(res.error?.retryable, true);
  assert.match(res.error!.message, /^The test child \((sync|replay)\) on this PC \(pid \d+\) is (syncing|replaying held posts of) this data folder; try again in a minute$/);
  return 'refused';
}

/** A world whose X3 answers slowly enough that two syncs started up to 2 s apart overlap. */
async function slowWorld(t: { after(fn: () => void | Promise<void>): void }, reports: number, allMapped: boolean): Promise<World> {
  const w = await startWorld(t, { reports, allMapped });
  w.demo.x3.faults.latencyMs = 60;
  return w;
}

test('two processes syncing one data folder, started 0-2000 ms apart: no document posted twice', { timeout: 600_000 }, async (t) => {
  const deadline = Date.now() + 150_000;
  const outcomes = { ok: 0, refused: 0, pairs: 0 };
  for (let i = 0; i < 30 && (i < 4 || Date.now() < deadline); i++) {
    const w = await slowWorld(t, 12, true);
    await w.core.close();
    const offset = Math.floor(Math.random() * 2000);
    // Half the pairs wait long enough for the other to finish, half give up quickly with the message.
    const wait = i % 2 === 0 ? 120 : 0.2;
    const [a, b] = await Promise.all([child(w.dataDir, 'sync', 0, wait), child(w.dataDir, 'sync', offset, wait)]);
    for (const [r, label] of [[a, `pair ${i} first`], [b, `pair ${i} second (+${offset} ms)`]] as const) outcomes[assertWinnerOrPlainRefusal(r, label)]++;
    w.reopen();
    const ledger = ledgerMatchesOutbox(w);
    assert.deepEqual(ledger.duplicates, [], `pair ${i}`);
    assert.equal(ledger.erp, 12, `pair ${i}: the ERP holds each report once (${ledger.erp} documents for 12 reports)`);
    assert.equal(ledger.posted, 12, `pair ${i}`);
    outcomes.pairs++;
  }
  assert.ok(outcomes.ok >= outcomes.pairs, `every pair has a winner: ${JSON.stringify(outcomes)}`);
  t.diagnostic(`pairs ${outcomes.pairs}, runs that worked ${outcomes.ok}, plain refusals ${outcomes.refused}`);
});

test('two held replay --all and a sync racing on one folder: each held report posted once', { timeout: 300_000 }, async (t) => {
  for (let i = 0; i < 4; i++) {
    const w = await slowWorld(t, 30, false);
    const first = await w.core.sync(w.demo.connectionId, { actor: 'test' });
    assert.ok(first.held > 0, JSON.stringify(first));
    await w.core.handlers('test')['mappings.importCsv']({ connectionId: w.demo.connectionId, csv: readFileSync(w.demo.fixedMappingsPath, 'utf8') });
    await w.core.close();
    const offset = () => Math.floor(Math.random() * 1000);
    const runs = await Promise.all([child(w.dataDir, 'replay', 0, 120), child(w.dataDir, 'replay', offset(), 120), child(w.dataDir, 'sync', offset(), 120)]);
    runs.forEach((r, n) => assert.equal(assertWinnerOrPlainRefusal(r, `child ${n}`), 'ok', 'with a long wait every child gets its turn'));
    w.reopen();
    const ledger = ledgerMatchesOutbox(w);
    assert.deepEqual(ledger.duplicates, []);
    assert.equal(ledger.erp, ledger.posted);
    assert.equal(ledger.posted, 30);
  }
});
