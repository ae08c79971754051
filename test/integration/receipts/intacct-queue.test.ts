// The receipt queue through the real engine, Concur → Sage Intacct: each posted GLBATCH gets one supporting
// document with its receipt, linked by SUPDOCID after the post; a create_supdoc whose answer was lost is
// looked up on the next run and only linked, never created twice; the posts are untouched by any of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionInput } from '../../../shared/schemas/connection';
import { createDemoConcur } from '../../../main/demo/systems';
import { employees } from '../../../main/demo/catalog';
import { imagesOf, SIM_CLIENT } from '../../../main/simulators/concur';
import { samplePdf } from '../../../main/simulators/receipt-files';
import { createSageIntacctSimulator, INTACCT_DEMO, intacctDemoSeed } from '../../../main/simulators/sage-intacct';
import { supdocIdFor } from '../../../main/core/adapters/sage-intacct/attachments';
import { startEngineWorld } from '../../helpers/engine-world';

const DOCS = 6;

test('Intacct: receipts become supporting documents linked by SUPDOCID; a lost answer is looked up, not re-created', async (t) => {
  const concur = createDemoConcur(DOCS);
  const intacct = createSageIntacctSimulator(intacctDemoSeed());
  const types = ['AIRFR', 'HOTEL', 'MEALS', 'BRKFT', 'LUNCH', 'DINNR', 'TAXIX', 'CARRT', 'MILEG', 'PARKG', 'TOLLS', 'TRAIN', 'FUELX', 'PHONE', 'INTNT', 'POSTG', 'OFFSP', 'BOOKS', 'SEMNR', 'CONFR', 'ENTOT', 'GIFTS', 'SUBSC', 'COWRK', 'WELLN'];
  const { core, h, conn } = await startEngineWorld(t, {
    prefix: 'mlc-receipts-ia-',
    concur,
    target: intacct,
    connection: (concurUrl, url): ConnectionInput => ({
      id: 'concur-intacct',
      name: 'Concur → Intacct',
      source: { system: 'concur', tokenUrl: concurUrl, clientId: SIM_CLIENT.clientId, grant: 'password', username: 'ap.admin@northwind-demo.com', startDate: '2026-10-01', pageSize: 10, dimensionFields: { department: 'Custom1' }, companyPaidPaymentTypes: ['IBCP'] },
      target: { system: 'sage-intacct', endpointUrl: url, senderId: INTACCT_DEMO.senderId, companyId: INTACCT_DEMO.companyId, userId: INTACCT_DEMO.userId, journal: INTACCT_DEMO.journal } as ConnectionInput['target'],
      rules: { liabilityAccount: INTACCT_DEMO.liabilityAccount, cardClearingAccount: INTACCT_DEMO.cardClearingAccount, personalLines: 'exclude', dateRule: 'document_date', requiredDimensions: ['department'], postingModes: {}, maxDescriptionLength: 250 },
      schedule: { mode: 'manual' },
      retry: { maxAttempts: 5, baseDelayMs: 5, maxDelayMs: 50, pauseAfterAuthFailures: 3 },
      concurrency: 4,
      receipts: { enabled: true, maxBytes: 10 * 1024 * 1024, allowedTypes: ['pdf', 'jpeg', 'png'] },
    }),
    secrets: () => [['source.clientSecret', SIM_CLIENT.clientSecret], ['source.password', 'demo-concur-password'], ['target.senderPassword', INTACCT_DEMO.senderPassword], ['target.userPassword', INTACCT_DEMO.userPassword]],
    mappings: [
      ...types.map((code) => ({ kind: 'expense_type' as const, sourceCode: code, sourceName: code, target: '6020', dimensions: { department: 'D100', location: 'L10' } })),
      ...employees().map((e, i) => ({ kind: 'employee' as const, sourceCode: e.login, sourceName: e.name, target: `E${String((i % 20) + 1).padStart(3, '0')}`, dimensions: {} })),
    ],
  });
  (concur.state as unknown as { allocations: Map<string, unknown[]> }).allocations.clear();
  const images = imagesOf(concur.state);
  for (const id of concur.state.reportIds()) images.attach('report', id, { bytes: samplePdf(`Receipt ${id}`) });
  intacct.faults.dropSupdocAfterCommit = 1;

  const first = await core.sync(conn.id, { actor: 'test' });
  assert.equal(first.status, 'succeeded', first.error ?? '');
  assert.equal(first.posted, DOCS, 'every post went through whatever the receipts did');
  const store = core.runtime.store;
  const rows = () => store.postings.list({ connectionId: conn.id, status: 'posted', limit: 100 }).flatMap((p) => store.receipts.forPosting(p.id));
  const byState = () => rows().reduce<Record<string, number>>((m, r) => ((m[r.state] = (m[r.state] ?? 0) + 1), m), {});
  assert.deepEqual(byState(), { pending: 1, attached: DOCS - 1 }, JSON.stringify(rows().map((r) => [r.state, r.note])));
  assert.equal(intacct.stats.dropped, 1);

  await new Promise((r) => setTimeout(r, 120));
  const second = await core.sync(conn.id, { actor: 'test' });
  assert.equal(second.posted, 0, 'nothing posted again');
  assert.deepEqual(byState(), { attached: DOCS });
  // One supporting document per posting with one file, each record linked to its own; none created twice.
  assert.equal(intacct.stats.functions.create_supdoc, DOCS);
  assert.equal(intacct.state.supdocs.size, DOCS);
  const posted = await h['postings.list']({ connectionId: conn.id, status: 'posted' });
  for (const p of posted) {
    const id = supdocIdFor(p.idempotencyKey);
    assert.equal(intacct.state.supdocs.get(id)?.files.length, 1, p.sourceId);
    assert.equal(intacct.state.findByKey(p.idempotencyKey)[0]?.fields.SUPDOCID, id, p.sourceId);
  }
  assert.ok(rows().every((r) => /attached to Sage Intacct .*supporting document MLC/.test(r.note ?? '')), JSON.stringify(rows().map((r) => r.note)));
});
