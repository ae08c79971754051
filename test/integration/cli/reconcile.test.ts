import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { RECONCILE_CATEGORIES, type Reconciliation } from '../../../shared/schemas/reconcile';
import { tempDir } from '../../helpers/temp-dir';
import { TEST_KEY } from '../../helpers/world';

const CLI = join(import.meta.dirname, '../../fixtures/cli.ts');
function cli(dataDir: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dataDir, ...args], { env: { ...process.env, MLC_SECRET_KEY: TEST_KEY }, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
/** Demo connections whose source lists a past month itself (Concur v3, Expensify); the rest are Concur FIS. */
const READ_SOURCES = ['demo-concur-x3', 'demo-concur-intacct', 'demo-concur-intacct-fr', 'demo-expensify-x3'];
const ledgers = (dir: string) => Object.fromEntries(readdirSync(join(dir, 'demo')).filter((f) => f.endsWith('.json')).map((f) => [f, readFileSync(join(dir, 'demo', f), 'utf8')]));

test('the demo month reconciles: seven connections, every difference categorised, 0 unexplained, nothing written; csv and xlsx carry the same figures', async (t) => {
  const dir = tempDir(t);
  assert.equal(cli(dir, ['demo', '--json']).code, 0);
  const before = ledgers(dir);
  const json = cli(dir, ['reconcile', '--period', '2026-10', '--format', 'json']);
  assert.equal(json.code, 1, 'partial (the FIS sources are read from the local copy) exits 1');
  const r = JSON.parse(json.out) as Reconciliation;
  assert.equal(r.period, '2026-10');
  assert.equal(r.connections.length, 7);
  for (const c of r.connections) {
    assert.equal(c.counts.unexplained, 0, `${c.connectionId}: ${JSON.stringify(c.differences.filter((d) => d.category === 'unexplained'))}`);
    assert.equal(RECONCILE_CATEGORIES.reduce((n, k) => n + c.counts[k]!, 0), c.differences.length, 'every difference counted in exactly one category');
    assert.ok(c.totals.source.length > 0 && c.totals.posted.length > 0, c.connectionId);
    if (READ_SOURCES.includes(c.connectionId)) {
      // Concur v3 (reports + invoices) and Expensify list the month themselves: no source reason for partial.
      assert.equal(c.sourceBasis, 'read', c.connectionId);
      assert.ok(!c.partialReasons.some((x) => /^Source/.test(x)), `${c.connectionId}: ${c.partialReasons.join('; ')}`);
      assert.ok(c.differences.filter((d) => d.category === 'not_posted' && d.postingId === null).every((d) => d.source !== null && d.detail.includes('Approved in the source')), c.connectionId);
    } else {
      assert.equal(c.sourceBasis, 'local_copy', c.connectionId);
      assert.ok(c.partial && c.partialReasons.some((x) => /Concur FIS lists a document only until it is acknowledged/.test(x) && /local copy/.test(x)), `${c.connectionId}: the FIS source side says why it is the local copy`);
    }
    assert.equal(c.documents.matched + c.differences.filter((d) => d.postingId !== null).length, c.documents.outbox);
  }
  // The two Intacct connections share one company: each reads back only its own documents (the French entity's are private to it).
  for (const id of ['demo-concur-intacct', 'demo-concur-intacct-fr', 'demo-concur-netsuite', 'demo-concur-acumatica', 'demo-concur-x3']) {
    const c = r.connections.find((x) => x.connectionId === id)!;
    assert.equal(c.erpBasis, 'read', `${id} is read back with its totals`);
    assert.deepEqual(c.totals.erp, c.totals.posted, `${id}: what was posted is what the ERP holds, to the cent`);
    assert.ok(c.erpAccounts.length > 2, id);
    // Every ERP document read is either matched or named by a difference (the demo's report changed after posting
    // is in X3 and listed as changed_after_posting).
    assert.equal(c.documents.erp, c.documents.matched + c.differences.reduce((n, d) => n + d.erpIds.length, 0), id);
  }
  const x3 = r.connections.find((c) => c.connectionId === 'demo-concur-x3')!;
  assert.ok(x3.partialReasons.some((x) => /equality criteria/.test(x)), 'X3 says the month under our prefix was not searched');
  assert.equal(x3.counts.held, 57);
  assert.equal(x3.counts.changed_after_posting, 1, 'the demo report corrected in Concur after it was posted');
  assert.ok(x3.differences.filter((d) => d.category === 'held').every((d) => d.postingId !== null && d.action.length > 10));
  assert.deepEqual(ledgers(dir), before, 'a reconciliation writes nothing to any ledger');

  const csv = cli(dir, ['reconcile', '--period', '2026-10', '--connection', 'demo-concur-x3', '--format', 'csv']);
  const lines = csv.out.trim().split('\n');
  assert.equal(lines[0], 'period,connection,record,category,currency,source,posted,erp,source_id,reference,erp_ids,detail,action');
  const eurTotal = lines.find((l) => l.startsWith('2026-10,demo-concur-x3,total,,EUR,'))!;
  const posted = (m: number) => (m / 100).toFixed(2);
  assert.ok(eurTotal.includes(`,${posted(x3.totals.posted.find((m) => m.currency === 'EUR')!.amountMinor)},`), eurTotal);
  assert.equal(lines.filter((l) => l.includes(',difference,held,')).length, 57);

  const out = join(dir, 'close.xlsx');
  const xlsx = cli(dir, ['reconcile', '--period', '2026-10', '--format', 'xlsx', '--out', out]);
  assert.match(xlsx.out, /written to/);
  const sheets = await readXlsxFile(readFileSync(out));
  assert.deepEqual(sheets.map((s) => s.sheet), ['Summary 2026-10', ...r.connections.map((c) => c.connectionId)]);
  const summary = sheets[0]!.data;
  assert.deepEqual(summary[0]!.slice(0, 5), ['Connection', 'Currency', 'Source', 'Posted', 'ERP']);
  for (const c of r.connections) for (const m of c.totals.posted) {
    const row = summary.find((x) => x[0] === c.connectionId && x[1] === m.currency)!;
    assert.equal(row[3], m.amountMinor / 100, `${c.connectionId} ${m.currency} posted`);
    assert.equal(row[3 + 2 + RECONCILE_CATEGORIES.indexOf('unexplained')], 0);
  }
  const x3Sheet = sheets.find((s) => s.sheet === 'demo-concur-x3')!.data;
  assert.equal(x3Sheet.length - 1, x3.differences.length);
  const firstHeld = x3.differences[0]!;
  assert.equal(x3Sheet[1]![0], firstHeld.category);
  assert.equal(x3Sheet[1]![6], firstHeld.posted ? firstHeld.posted.amountMinor / 100 : null);
});

test('reconcile: a malformed or future period is a usage error (exit 2), an unknown connection exit 1', (t) => {
  const dir = tempDir(t);
  for (const bad of [['--period', '2026-13'], ['--period', '26-10'], ['--period', '2999-01'], []]) {
    const r = cli(dir, ['reconcile', ...bad]);
    assert.equal(r.code, 2, `${bad.join(' ')}: ${r.err}`);
    assert.match(r.err, /Usage error: .*(YYYY-MM|future)/);
  }
  assert.equal(cli(dir, ['reconcile', '--period', '2026-10', '--format', 'pdf']).code, 2);
  assert.equal(cli(dir, ['reconcile', '--period', '2026-10', '--format', 'xlsx']).code, 2, 'xlsx needs --out');
  const missing = cli(dir, ['reconcile', '--period', '2026-10', '--connection', 'nope']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /NOT_FOUND.*nope/);
});
