// The ledger is the truth: findExistingMany finds documents already in Intacct under any of their keys in one
// request, findExisting looks every key up and throws when Intacct cannot answer, a company that keeps
// references unique refuses a repeat (outcome 'duplicate'), and a spoofed session endpoint is never followed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { billPlan, plan, startIntacctFixture } from '../../helpers/intacct-context';

test('findExistingMany: documents already in Intacct (one under an older key form) are found in one request', async () => {
  const f = await startIntacctFixture();
  try {
    const [a, b, c, d] = [plan(), billPlan(), plan(), billPlan()];
    assert.equal((await f.adapter.post(a)).status, 'posted');
    assert.equal((await f.adapter.post(b)).status, 'posted');
    // c was posted long ago under an older key form, which it now lists among its lookupKeys.
    const older = plan();
    assert.equal((await f.adapter.post(older)).status, 'posted');
    const cWithOld = { ...c, lookupKeys: [older.idempotencyKey] };
    const before = f.sim.stats.requests;
    const found = await f.adapter.findExistingMany!([a, b, cWithOld, d]);
    assert.equal(f.sim.stats.requests - before, 1, 'one request for the page (GLBATCH and APBILL functions side by side)');
    assert.equal(found.get(a.idempotencyKey)?.erpId, f.sim.state.findByKey(a.idempotencyKey)[0]?.recordNo);
    assert.equal(found.get(b.idempotencyKey)?.erpId, f.sim.state.findByKey(b.idempotencyKey)[0]?.recordNo);
    assert.deepEqual(found.get(c.idempotencyKey), { erpId: f.sim.state.findByKey(older.idempotencyKey)[0]?.recordNo, key: older.idempotencyKey });
    assert.equal(found.has(d.idempotencyKey), false);
    // findExisting looks up the older key form too.
    assert.equal((await f.adapter.findExisting(cWithOld))?.key, older.idempotencyKey);
  } finally {
    await f.stop();
  }
});

test('a failing look-up throws; it never answers "not found"', async () => {
  const f = await startIntacctFixture({ settings: { billKeyField: 'NOSUCHFIELD' } });
  try {
    await assert.rejects(f.adapter.findExisting(billPlan()), (e: unknown) => isConnectorError(e) && /could not look up/.test(e.message));
    await assert.rejects(f.adapter.findExistingMany!([plan(), billPlan()]), (e: unknown) => isConnectorError(e) && /NOSUCHFIELD/.test(e.message));
  } finally {
    await f.stop();
  }
});

test("a company that refuses repeated references answers a second GLBATCH with the same REFERENCENO: outcome 'duplicate'", async () => {
  const f = await startIntacctFixture({ sim: { uniqueReferences: true } });
  try {
    const p = plan();
    assert.equal((await f.adapter.post(p)).status, 'posted');
    // The same document from another install: a new control id, the same reference.
    f.sim.state.executed.clear();
    const again = await f.adapter.post(p);
    assert.ok(again.status === 'duplicate' && /already exists/.test(again.message), JSON.stringify(again));
    assert.equal(f.sim.state.findByKey(p.idempotencyKey).length, 1);
    const bill = billPlan();
    assert.equal((await f.adapter.post(bill)).status, 'posted');
    f.sim.state.executed.clear();
    assert.equal((await f.adapter.post(bill)).status, 'duplicate');
  } finally {
    await f.stop();
  }
});

test('the session endpoint is only followed over https on intacct.com or back to the configured gateway, unless marked a test endpoint', async () => {
  const spoof = 'http://127.0.0.2:9/ia/xml/xmlgw.phtml';
  const f = await startIntacctFixture({ sim: { sessionEndpointUrl: spoof }, settings: { testEndpoint: false } });
  try {
    await assert.rejects(f.adapter.post(plan()), (e: unknown) => isConnectorError(e) && /session endpoint/.test(e.message) && /not an intacct\.com host|not https/.test(e.message));
    assert.equal(f.sim.stats.functions.create ?? 0, 0, 'nothing was sent with the session');
  } finally {
    await f.stop();
  }
  const g = await startIntacctFixture({ sim: { sessionEndpointUrl: 'https://evil.example.com/ia/xml/xmlgw.phtml' }, settings: { testEndpoint: false } });
  try {
    await assert.rejects(g.adapter.post(plan()), (e: unknown) => isConnectorError(e) && /evil\.example\.com is not an intacct\.com host/.test(e.message));
  } finally {
    await g.stop();
  }
});
