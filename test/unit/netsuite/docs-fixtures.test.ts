// Oracle's documented journal entry example as a fixture: the mapper writes the same shape for the same
// entries (subsidiary reference, `line.items`, account references, debit/credit as JSON numbers, memo), and
// the simulator accepts the documented body as NetSuite does (date and currency defaulted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toNetSuiteRecord, type IdLookup } from '../../../main/core/adapters/netsuite/to-remote';
import { NetSuiteSimState } from '../../../main/simulators/netsuite';
import { writeRecord } from '../../../main/simulators/netsuite/records';
import { nsLine, nsPlan } from '../../helpers/netsuite-context';

const sample = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'oracle-journal-entry-sample.json'), 'utf8')) as { recordId: string; body: Record<string, unknown> };

const lookup: IdLookup = {
  hasFeature: () => true,
  account: (c) => ({ '6100': '58', '2010': '4' })[c],
  vendor: () => undefined,
  employee: () => undefined,
  currency: (c) => (c === 'USD' ? '1' : undefined),
  subsidiary: (id) => (id === '1' ? { active: true, name: 'Parent' } : undefined),
};

test("the journalEntry mapper writes Oracle's documented example for the same entries", () => {
  const p = nsPlan({ currency: 'USD', lines: [nsLine(1, '6100', 'debit', 18700, { description: 'Journal Example' }), nsLine(2, '2010', 'credit', 18700, { description: '' })] });
  const r = toNetSuiteRecord(p, '1', lookup);
  assert.ok(r.ok);
  assert.equal(r.type.toLowerCase(), sample.recordId);
  const ours = r.body as { subsidiary: unknown; line: { items: Array<Record<string, unknown>> } };
  assert.deepEqual(ours.subsidiary, sample.body.subsidiary);
  // Our items carry the same fields; an empty memo is sent as "" where the example leaves it out.
  const items = ours.line.items.map((i) => Object.fromEntries(Object.entries(i).filter(([, v]) => v !== '')));
  assert.deepEqual(items, (sample.body.line as { items: unknown[] }).items);
});

test('the simulator accepts the documented body: NetSuite defaults the date and the currency', () => {
  const state = new NetSuiteSimState(() => Date.parse('2026-11-02T10:00:00Z'));
  state.add('subsidiary', [{ id: '1', name: 'Parent', currency: '1' }]).add('currency', [{ id: '1', name: 'US Dollar', symbol: 'USD' }]).add('account', [{ id: '58', acctnumber: '6100' }, { id: '4', acctnumber: '2010' }]);
  const w = writeRecord(state, 'journalEntry', 'DOCS-1', JSON.stringify(sample.body), 'http://x');
  assert.equal(w.status, 204, JSON.stringify(w.body));
  const stored = state.findByExternalId('journalEntry', 'DOCS-1')!;
  assert.equal(stored.body.tranDate, '2026-11-02');
  assert.deepEqual(stored.body.currency, { id: '1' });
});
