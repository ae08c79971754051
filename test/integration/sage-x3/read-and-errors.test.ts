// Sage X3 adapter against the simulator: api1 paging for reference data, 429s on reads, and the
// failures a customer sets up by mistake (wrong password, HTML page, pool, web service children).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { createSageX3Target } from '../../../main/core/adapters/sage-x3/adapter';
import { isConnectorError, type ConnectorError } from '../../../main/core/errors';
import { plan, startX3Fixture, x3Context, X3_PASSWORD } from '../../helpers/x3-context';

async function readAll(items: AsyncIterable<ReferenceItem[]>): Promise<ReferenceItem[][]> {
  const pages: ReferenceItem[][] = [];
  for await (const p of items) pages.push(p);
  return pages;
}

const many = Array.from({ length: 45 }, (_, i) => ({ code: `7${String(i).padStart(5, '0')}`, active: i % 10 !== 3 }));

test('readReference pages through accounts, suppliers and cost centers with $next links', async () => {
  const f = await startX3Fixture({ sim: { accounts: many }, settings: { pageSize: 10 } });
  try {
    const pages = await readAll(f.adapter.readReference());
    const all = pages.flat();
    const accounts = all.filter((i) => i.kind === 'account');
    assert.equal(accounts.length, 45);
    assert.ok(pages.filter((p) => p[0]?.kind === 'account').length >= 5, 'one batch per page');
    assert.equal(accounts.find((a) => a.code === '700003')?.active, false);
    assert.equal(accounts.find((a) => a.code === '700004')?.active, true);
    const suppliers = all.filter((i) => i.kind === 'supplier');
    assert.deepEqual(suppliers.map((s) => [s.code, s.active]), [['EMP001', true], ['SUP100', true], ['SUP900', false]]);
    const cc = all.filter((i) => i.kind === 'dimension');
    assert.ok(cc.every((c) => c.dimensionType === 'costCenter'));
    assert.equal(cc.find((c) => c.code === 'CC99')?.active, false);
  } finally {
    await f.stop();
  }
});

test('reads survive 429 answers (Retry-After honoured, retried)', async () => {
  const f = await startX3Fixture({ sim: { accounts: many, seed: 7, faults: { rate429: 0.3, retryAfterSeconds: 0 } }, settings: { pageSize: 10 } });
  try {
    const all = (await readAll(f.adapter.readReference())).flat();
    assert.equal(all.filter((i) => i.kind === 'account').length, 45);
    assert.ok(f.sim.stats.injected429 > 0);
    assert.equal(await f.adapter.findExisting(plan()), null);
  } finally {
    await f.stop();
  }
});

test('a wrong password is AUTH_FAILED and the password appears nowhere', async () => {
  const f = await startX3Fixture({ secrets: { password: 'Wrong-Pw-123' } });
  try {
    const check = (e: unknown) => {
      const ce = e as ConnectorError;
      assert.ok(isConnectorError(e));
      assert.equal(ce.code, 'AUTH_FAILED');
      assert.match(ce.message, /WSUSER/);
      const dump = JSON.stringify(ce.toPayload()) + ce.message + String(ce.stack);
      assert.ok(!dump.includes('Wrong-Pw-123') && !dump.includes(X3_PASSWORD));
      assert.ok(!dump.includes(Buffer.from('WSUSER:Wrong-Pw-123').toString('base64')));
      return true;
    };
    await assert.rejects(f.adapter.post(plan()), check);
    await assert.rejects(readAll(f.adapter.readReference()), check);
    const steps = await f.adapter.test();
    assert.deepEqual(steps.map((s) => [s.step, s.ok]), [['server reachable', true], ['credentials', false], ['SOAP pool/web service', false], ['REST api1 endpoint/folder', false], ['dimension types', false]]);
    assert.ok(!JSON.stringify(steps).includes('Wrong-Pw-123'));
  } finally {
    await f.stop();
  }
});

test('an expired password says so', async () => {
  const f = await startX3Fixture();
  try {
    f.sim.state.addUser('WSUSER', X3_PASSWORD, { expired: true });
    await assert.rejects(f.adapter.post(plan()), (e: unknown) => isConnectorError(e) && e.code === 'AUTH_FAILED' && /expired/.test(e.message));
  } finally {
    await f.stop();
  }
});

test('an HTML page instead of SOAP/JSON names the server URL as the thing to fix', async () => {
  const f = await startX3Fixture({ sim: { faults: { htmlErrorPage: true } } });
  try {
    await assert.rejects(f.adapter.post(plan()), (e: unknown) => isConnectorError(e) && e.code === 'CONFIG_INVALID' && /HTML page/.test(e.message) && /server URL/.test(e.message) && e.uncertain);
    await assert.rejects(f.adapter.findExisting(plan()), (e: unknown) => isConnectorError(e) && e.code === 'CONFIG_INVALID' && !e.uncertain);
    await assert.rejects(readAll(f.adapter.readReference()), (e: unknown) => isConnectorError(e) && /HTML page/.test(e.message));
  } finally {
    await f.stop();
  }
});

test('"No Web services accepted", an unknown pool and an unknown public name are configuration errors, not holds', async () => {
  const f = await startX3Fixture({ sim: { faults: { noWebServices: true } } });
  try {
    await assert.rejects(f.adapter.post(plan()), (e: unknown) => isConnectorError(e) && e.code === 'CONFIG_INVALID' && /Web services children/.test(e.message) && !e.uncertain);
    f.sim.faults.noWebServices = false;
    const badPool = createSageX3Target({ ...f.settings, poolAlias: 'NOPOOL' }, x3Context().ctx);
    await assert.rejects(badPool.post(plan()), (e: unknown) => isConnectorError(e) && e.code === 'CONFIG_INVALID' && /NOPOOL/.test(e.message) && !e.uncertain);
    const badName = createSageX3Target({ ...f.settings, journalPublicName: 'YNOPE' }, x3Context().ctx);
    await assert.rejects(badName.post(plan()), (e: unknown) => isConnectorError(e) && e.code === 'CONFIG_INVALID' && /YNOPE/.test(e.message));
    assert.equal(f.sim.state.documentCount(), 0);
  } finally {
    await f.stop();
  }
});

test('a 5xx on save is thrown as uncertain and never retried inside the adapter', async () => {
  const f = await startX3Fixture({ sim: { faults: { rate5xx: 1 } } });
  try {
    await assert.rejects(f.adapter.post(plan()), (e: unknown) => isConnectorError(e) && e.code === 'UNAVAILABLE' && e.uncertain);
    assert.equal(f.sim.stats.injected5xx, 1);
  } finally {
    await f.stop();
  }
});

test('test() walks the five steps and reports a wrong folder precisely', async () => {
  const f = await startX3Fixture();
  try {
    const ok = await f.adapter.test();
    assert.ok(ok.every((s) => s.ok), JSON.stringify(ok));
    const wrongFolder = await createSageX3Target({ ...f.settings, folder: 'NOFOLDER' }, x3Context().ctx).test();
    assert.deepEqual(wrongFolder.map((s) => s.ok), [true, true, true, false, false]);
    assert.match(wrongFolder[3]?.message ?? '', /NOFOLDER/);
    const badPool = await createSageX3Target({ ...f.settings, poolAlias: 'NOPOOL' }, x3Context().ctx).test();
    assert.equal(badPool[2]?.ok, false);
    assert.match(badPool[2]?.message ?? '', /pool/);
  } finally {
    await f.stop();
  }
  const down = await createSageX3Target(f.settings, x3Context().ctx).test();
  assert.deepEqual(down.map((s) => s.ok), [false, false, false, false, false]);
  assert.match(down[0]?.message ?? '', /server URL/);
});

test('a SOAP Fault sent with HTTP 500 (SOAP 1.1) is read: its text reaches the accountant, not "unavailable"', async () => {
  const f = await startX3Fixture();
  try {
    const faultBody = '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>Session rejected: user WSUSER is locked</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>';
    const { ctx } = x3Context();
    const faulting: typeof fetch = async (input, init) => (init?.method === 'POST' && String(input).includes('/soap-generic/') ? new Response(faultBody, { status: 500, headers: { 'content-type': 'text/xml' } }) : globalThis.fetch(input, init));
    const adapter = createSageX3Target(f.settings, { ...ctx, fetch: faulting });
    await assert.rejects(adapter.post(plan()), (e: unknown) => isConnectorError(e) && e.code === 'REMOTE_PROTOCOL' && /user WSUSER is locked/.test(e.message) && e.retryable === false);
    assert.equal(f.sim.state.documentCount(), 0);
  } finally {
    await f.stop();
  }
});
