// The ledger is the truth for Sage X3: every key form of a plan is looked up, a page of plans is looked
// up before its first send (one SOAP query per key, counted), a failed look-up throws even when its
// text says "not found", and X3 configured to refuse a repeated reference is read as "already posted".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { plan, startX3Fixture, type X3Fixture } from '../../helpers/x3-context';

let f: X3Fixture;
before(async () => {
  f = await startX3Fixture();
});
after(() => f.stop());

const queries = () => f.sim.stats.soap.query ?? 0;

test('findExisting looks up the older key forms too and says which key it found', async () => {
  const old = plan();
  const out = await f.adapter.post(old);
  assert.equal(out.status, 'posted');
  const renamed = plan({ lookupKeys: [old.idempotencyKey] });
  const before = queries();
  assert.deepEqual(await f.adapter.findExisting(renamed), { erpId: out.status === 'posted' ? out.erpId : '', key: old.idempotencyKey });
  assert.equal(queries() - before, 2, 'its own key first, then the older one');
});

test('findExistingMany: one query per key for the page, found ones answered by the plan key', async () => {
  const posted = [plan(), plan(), plan()];
  const numbers: string[] = [];
  for (const p of posted) {
    const out = await f.adapter.post(p);
    assert.equal(out.status, 'posted');
    numbers.push(out.status === 'posted' ? out.erpId : '');
  }
  const page = [posted[0]!, plan(), posted[1]!, plan(), posted[2]!];
  const before = queries();
  const found = await f.adapter.findExistingMany!(page);
  assert.equal(queries() - before, page.length);
  assert.deepEqual([...found.keys()].sort(), posted.map((p) => p.idempotencyKey).sort());
  assert.equal(found.get(posted[1]!.idempotencyKey)?.erpId, numbers[1]);
});

test('a failed look-up throws, even when X3 words it as "no record found"', async () => {
  f.sim.faults.failQueries = 'No record found';
  try {
    await assert.rejects(f.adapter.findExisting(plan()), (e: unknown) => isConnectorError(e) && /could not look up/.test(e.message));
    await assert.rejects(f.adapter.findExistingMany!([plan(), plan()]), (e: unknown) => isConnectorError(e));
  } finally {
    f.sim.faults.failQueries = null;
  }
});

test('X3 refusing a repeated reference is "duplicate", and the look-up then finds the first document', async () => {
  const p = plan();
  const first = await f.adapter.post(p);
  assert.equal(first.status, 'posted');
  f.sim.faults.uniqueReference = true;
  try {
    const again = await f.adapter.post(p);
    assert.equal(again.status, 'duplicate');
    assert.match(again.status === 'duplicate' ? again.message : '', /Record already exists/);
    assert.equal(f.sim.state.findByReference(p.idempotencyKey).length, 1);
    assert.equal((await f.adapter.findExisting(p))?.erpId, first.status === 'posted' ? first.erpId : '');
  } finally {
    f.sim.faults.uniqueReference = false;
  }
});

test('without the customer control, X3 takes a second document with the same reference (why we look up first)', async () => {
  const p = plan();
  assert.equal((await f.adapter.post(p)).status, 'posted');
  assert.equal((await f.adapter.post(p)).status, 'posted');
  assert.equal(f.sim.state.findByReference(p.idempotencyKey).length, 2);
});

test('two installs in the same second: every document per key oldest first, our newer copy deleted with SOAP delete', async () => {
  const p = plan();
  const first = await f.adapter.post(p);
  const second = await f.adapter.post(p);
  assert.ok(first.status === 'posted' && second.status === 'posted');
  const all = await f.adapter.findAllExisting!([p]);
  assert.deepEqual(all.get(p.idempotencyKey), [first.erpId, second.erpId]);
  assert.deepEqual(await f.adapter.removeDuplicate!(second.erpId, p), { removed: true });
  assert.deepEqual((await f.adapter.findAllExisting!([p])).get(p.idempotencyKey), [first.erpId]);
});

test('a final entry cannot be deleted: the refusal is said, nothing is removed', async () => {
  const p = plan();
  const out = await f.adapter.post(p);
  assert.equal(out.status, 'posted');
  const number = out.status === 'posted' ? out.erpId : '';
  f.sim.state.markFinal(number);
  const r = await f.adapter.removeDuplicate!(number, p);
  assert.equal(r.removed, false);
  assert.match(r.removed ? '' : r.reason, /final entry/);
  assert.ok(f.sim.state.findByNumber(number));
});
