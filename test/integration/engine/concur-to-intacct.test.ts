import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionInput } from '../../../shared/schemas/connection';
import { createDemoConcur } from '../../../main/demo/systems';
import { employees } from '../../../main/demo/catalog';
import { SIM_CLIENT } from '../../../main/simulators/concur';
import { createSageIntacctSimulator, INTACCT_DEMO, intacctDemoSeed } from '../../../main/simulators/sage-intacct';
import { startEngineWorld } from '../../helpers/engine-world';

// Concur (simulated) → Sage Intacct (simulated) through the real engine: batches, dimensions, exactly once.
test('Concur reports post to Intacct as one GLBATCH each, in batches, exactly once under lost answers', async (t) => {
  const concur = createDemoConcur(24);
  const intacct = createSageIntacctSimulator(intacctDemoSeed());
  // Every demo expense type to one Intacct account; allocations to CC codes are mapped by a department default.
  const types = ['AIRFR', 'HOTEL', 'MEALS', 'BRKFT', 'LUNCH', 'DINNR', 'TAXIX', 'CARRT', 'MILEG', 'PARKG', 'TOLLS', 'TRAIN', 'FUELX', 'PHONE', 'INTNT', 'POSTG', 'OFFSP', 'BOOKS', 'SEMNR', 'CONFR', 'ENTOT', 'GIFTS', 'SUBSC', 'COWRK', 'WELLN'];
  const { core, h, conn } = await startEngineWorld(t, {
    prefix: 'mlc-intacct-',
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
    }),
    secrets: () => [['source.clientSecret', SIM_CLIENT.clientSecret], ['source.password', 'demo-concur-password'], ['target.senderPassword', INTACCT_DEMO.senderPassword], ['target.userPassword', INTACCT_DEMO.userPassword]],
    mappings: [
      ...types.map((code) => ({ kind: 'expense_type' as const, sourceCode: code, sourceName: code, target: '6020', dimensions: { department: 'D100', location: 'L10' } })),
      ...employees().map((e, i) => ({ kind: 'employee' as const, sourceCode: e.login, sourceName: e.name, target: `E${String((i % 20) + 1).padStart(3, '0')}`, dimensions: {} })),
    ],
  });
  // The demo's split allocations carry X3 cost centers in Custom1: drop them so the mapping's department applies.
  (concur.state as unknown as { allocations: Map<string, unknown[]> }).allocations.clear();
  intacct.faults.dropAfterCommit = 1;
  const run = await core.sync(conn.id, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.equal(run.posted + run.recovered, 24, JSON.stringify(run));
  assert.equal(intacct.state.recordCount('GLBATCH'), 24);
  const posted = await h['postings.list']({ connectionId: conn.id, status: 'posted' });
  for (const p of posted) assert.equal(intacct.state.findByKey(p.idempotencyKey).length, 1, p.sourceId);
  assert.ok(intacct.stats.dropped >= 1);
  const again = await core.sync(conn.id, { actor: 'test' });
  assert.equal(again.posted, 0);
  assert.equal(intacct.state.recordCount('GLBATCH'), 24);
});
