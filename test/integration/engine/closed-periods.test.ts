// Closed periods through the real engine (Concur FIS → NetSuite, simulated): the period status read with the
// reference data holds documents dated in a closed period BEFORE anything is sent, naming the period; the
// accountant re-dates one (handler and CLI), bad dates are refused clearly, and the replay posts it on the new
// date under the same key. A connection set to "next open period" posts them on the 1st of the next open month.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createConcurSimulator, seedFisDocuments, SIM_CLIENT } from '../../../main/simulators/concur';
import { createNetSuiteSimulator, NETSUITE_DEMO, seedNetSuite } from '../../../main/simulators/netsuite';
import { netsuiteConnection, netsuiteMappings } from '../../../main/demo/netsuite-company';
import { isConnectorError } from '../../../main/core/errors';
import { testKeys } from '../../helpers/netsuite-context';
import { startEngineWorld } from '../../helpers/engine-world';
import { TEST_KEY } from '../../helpers/world';

const COMPANY = '7d1f0c3e-2b4a-4c59-8e61-0a9b8c7d6e5f';
const CLI = join(import.meta.dirname, '../../fixtures/cli.ts');

async function world(t: Parameters<typeof startEngineWorld>[0], rule: 'hold' | 'next_open_period') {
  const concur = createConcurSimulator({ seed: 3 });
  seedFisDocuments(concur.state, { companyId: COMPANY, counts: { expense: 3, invoice: 2, cashadvance: 0, payroll: 0 }, seed: 8 });
  const netsuite = createNetSuiteSimulator({ accountId: NETSUITE_DEMO.accountId });
  seedNetSuite(netsuite.state);
  netsuite.state.closedPeriods.add('2026-10');
  const keys = testKeys('rsa');
  netsuite.state.registerCertificate(NETSUITE_DEMO.clientId, NETSUITE_DEMO.certificateId, keys.publicKey);
  const w = await startEngineWorld(t, {
    prefix: 'mlc-periods-',
    concur,
    target: netsuite,
    connection: (concurUrl, url) => {
      const c = netsuiteConnection(concurUrl, url, COMPANY);
      return { ...c, rules: { ...c.rules, closedPeriod: rule } };
    },
    secrets: () => [['source.clientSecret', SIM_CLIENT.clientSecret], ['source.password', concur.state.issueRequestToken(COMPANY, SIM_CLIENT.clientId)], ['target.privateKey', keys.privatePem]],
    mappings: netsuiteMappings(10),
  });
  return { ...w, netsuite };
}

const errorOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    assert.ok(isConnectorError(e) && e.code === 'BAD_REQUEST' && !e.retryable, String(e));
    return e.message;
  }
  assert.fail('expected a refusal');
};

test('documents dated in a closed NetSuite period are held naming it before sending; a re-dated one replays on its new date under the same key', async (t) => {
  const { core, h, conn, dir, netsuite } = await world(t, 'hold');
  const run = await core.sync(conn.id, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  const held = await h['postings.list']({ connectionId: conn.id, status: 'held' });
  assert.ok(held.length >= 2, JSON.stringify(run));
  for (const p of held) {
    assert.deepEqual(p.reasons.map((r) => [r.code, r.subject]), [['PERIOD_CLOSED', '2026-10']]);
    assert.match(p.reasons[0]!.message, /^October 2026 is closed in NetSuite: the document is dated 2026-10-\d\d/);
  }
  const puts = (netsuite.stats.byRoute['PUT /record/v1/journalEntry/:id'] ?? 0) + (netsuite.stats.byRoute['PUT /record/v1/vendorBill/:id'] ?? 0);
  assert.equal(puts, run.posted, 'nothing was sent for the held ones');
  assert.equal(netsuite.state.recordCount(), run.posted);
  assert.equal(run.posted + held.length, 5, 'three expense reports and two invoices');

  const [first, second] = held;
  // Bad dates: malformed, not a day, in the closed period, past the last period NetSuite has.
  assert.match(await errorOf(h['held.redate']({ id: first!.id, date: 'next week' })), /not a date: use YYYY-MM-DD/);
  assert.match(await errorOf(h['held.redate']({ id: first!.id, date: '2026-11-31' })), /not a day of the calendar/);
  assert.match(await errorOf(h['held.redate']({ id: first!.id, date: '2026-10-31' })), /October 2026 is closed in NetSuite.*: pick a date in an open period/);
  assert.match(await errorOf(h['held.redate']({ id: first!.id, date: '2031-01-15' })), /past the last period NetSuite has/);

  const redated = await h['held.redate']({ id: first!.id, date: '2026-11-02' });
  assert.equal(redated.status, 'held', 'still held until the accountant replays it');
  assert.equal(redated.idempotencyKey, first!.idempotencyKey, 'the key belongs to the document');
  const audit = await h['audit.list']({ connectionId: conn.id, action: 'redate' });
  assert.equal(audit.length, 1);
  assert.match(audit[0]!.message, /^Posting date changed from 2026-10-\d\d to 2026-11-02 by test/);

  const [replayed] = await h['held.replay']({ ids: [first!.id] });
  assert.equal(replayed?.status, 'posted');
  const type = replayed!.sourceKind === 'invoice' ? 'vendorBill' : 'journalEntry';
  const record = netsuite.state.findByExternalId(type, first!.idempotencyKey)!;
  assert.equal(record.body.tranDate, '2026-11-02', 'posted on the new date');
  const detail = await h['postings.get']({ id: first!.id });
  assert.equal(detail.plan?.postingDate, '2026-11-02');
  assert.match(detail.plan!.documentDate, /^2026-10-/, 'the document date stays the source\'s');

  // A second sync reads the same documents again: nothing posts twice, the re-dated one stays posted.
  const again = await core.sync(conn.id, { actor: 'test' });
  assert.equal(again.posted, 0);

  {
    assert.ok(second);
    const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dir, 'held', 'redate', String(second.id), '--date', '2026-12-01'], { env: { ...process.env, MLC_SECRET_KEY: TEST_KEY }, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Re-dated ${second.id} \\(${second.sourceId}\\) to 2026-12-01`));
    const bad = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dir, 'held', 'redate', String(second.id), '--date', '2026-10-20'], { env: { ...process.env, MLC_SECRET_KEY: TEST_KEY }, encoding: 'utf8', timeout: 120_000 });
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr + bad.stdout, /October 2026 is closed in NetSuite/);
    const [cliReplayed] = await h['held.replay']({ ids: [second.id] });
    assert.equal(cliReplayed?.status, 'posted');
    assert.equal(netsuite.state.findByExternalId(second.sourceKind === 'invoice' ? 'vendorBill' : 'journalEntry', second.idempotencyKey)!.body.tranDate, '2026-12-01');
  }
});

test('a connection set to "next open period" posts them on the 1st of November, the original date in the memo and the plan note', async (t) => {
  const { core, h, conn, netsuite } = await world(t, 'next_open_period');
  const run = await core.sync(conn.id, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.equal(run.held, 0, JSON.stringify(run));
  const posted = await h['postings.list']({ connectionId: conn.id, status: 'posted' });
  const moved = [];
  for (const p of posted) {
    const d = await h['postings.get']({ id: p.id });
    if (!d.plan!.documentDate.startsWith('2026-10')) continue;
    moved.push(d);
    assert.equal(d.plan!.postingDate, '2026-11-01');
    assert.match(d.plan!.description, /\(dated 2026-10-\d\d\)$/);
    assert.ok(d.plan!.notes.some((n) => /moved from 2026-10-\d\d to 2026-11-01: October 2026 is closed in NetSuite/.test(n)));
    const record = netsuite.state.findByExternalId(p.sourceKind === 'invoice' ? 'vendorBill' : 'journalEntry', p.idempotencyKey)!;
    assert.equal(record.body.tranDate, '2026-11-01');
  }
  assert.ok(moved.length >= 1);
});
