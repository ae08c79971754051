// The Acumatica simulator refuses what Acumatica refuses, each sent wrong on purpose over HTTP: conditional
// PUTs (If-None-Match: * on an existing record, If-Match: * on a missing one → 412), fields the entity does
// not define (400), Bill types outside the documented labels (422), and $filter syntax it cannot run (400).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACUMATICA_DEMO, acumaticaDemoSeed, createAcumaticaSimulator } from '../../../main/simulators/acumatica';

async function session() {
  const sim = createAcumaticaSimulator(acumaticaDemoSeed({ employees: 1 }));
  const { url } = await sim.start();
  const login = await fetch(`${url}/entity/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: ACUMATICA_DEMO.username, password: ACUMATICA_DEMO.password, tenant: ACUMATICA_DEMO.tenant }) });
  assert.equal(login.status, 204);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const ep = `${url}/entity/Default/23.200.001`;
  const put = (path: string, body: unknown, headers: Record<string, string> = {}) => fetch(`${ep}/${path}`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const get = (path: string) => fetch(`${ep}/${path}`, { headers: { cookie } });
  return { sim, put, get, stop: () => sim.stop() };
}

const v = (value: unknown) => ({ value });
const bill = (extra: Record<string, unknown> = {}) => ({ Type: v('Bill'), Vendor: v('V1001'), VendorRef: v('INV-1'), Date: v('2026-10-05T00:00:00'), Description: v('MLC-SIM0000000000001 · Paper'), Details: [{ Account: v('62400'), ExtendedCost: v(10) }], ...extra });
const filter = (key: string) => `Bill?$filter=${encodeURIComponent(`startswith(Description,'${key}')`)}`;

test('If-None-Match: * refuses a PUT whose $filter finds a record (412); without it the record is updated in place', async (t) => {
  const s = await session();
  t.after(() => s.stop());
  assert.equal((await s.put(filter('MLC-SIM0000000000001'), bill(), { 'if-none-match': '*' })).status, 200);
  const again = await s.put(filter('MLC-SIM0000000000001'), bill(), { 'if-none-match': '*' });
  assert.equal(again.status, 412);
  assert.equal(s.sim.state.recordCount('Bill'), 1);
  const update = await s.put(filter('MLC-SIM0000000000001'), bill({ VendorRef: v('INV-1-CORRECTED') }));
  assert.equal(update.status, 200);
  assert.equal(s.sim.state.recordCount('Bill'), 1);
  assert.equal(s.sim.state.records('Bill')[0]!.vendorRef, 'INV-1-CORRECTED');
});

test('If-Match: * refuses a PUT that would create (412)', async (t) => {
  const s = await session();
  t.after(() => s.stop());
  assert.equal((await s.put(filter('MLC-NOPE'), bill(), { 'if-match': '*' })).status, 412);
  assert.equal((await s.put('Bill', bill({ ReferenceNbr: v('999999') }), { 'if-match': '*' })).status, 412);
  assert.equal(s.sim.state.recordCount('Bill'), 0);
});

test('a field the entity does not define is refused, in the header and in a detail row', async (t) => {
  const s = await session();
  t.after(() => s.stop());
  const head = await s.put('Bill', bill({ ExpenseAccount: v('62400') }));
  assert.equal(head.status, 400);
  assert.match(await head.text(), /ExpenseAccount is not defined/);
  const line = await s.put('Bill', bill({ Details: [{ Account: v('62400'), ExtendedCost: v(10), ExpenseAccount: v('62400') }] }));
  assert.equal(line.status, 400);
  assert.match(await line.text(), /Details\/ExpenseAccount/);
  assert.equal(s.sim.state.recordCount('Bill'), 0);
});

test('Bill types: the documented labels pass, anything else is a field error', async (t) => {
  const s = await session();
  t.after(() => s.stop());
  assert.equal((await s.put('Bill', bill({ Type: v('Debit Adj.'), VendorRef: v('DA-1') }))).status, 200);
  const wrong = await s.put('Bill', bill({ Type: v('Invoice'), VendorRef: v('X-2') }));
  assert.equal(wrong.status, 422);
  assert.match(JSON.stringify(await wrong.json()), /'Type' must be one of the listed values/);
});

test('$filter forms the endpoint cannot run are refused, not ignored', async (t) => {
  const s = await session();
  t.after(() => s.stop());
  for (const f of ["tolower(Description) eq 'x'", "Amount gt 5", "VendorRef eq 'x' or"]) {
    const r = await s.get(`Bill?$filter=${encodeURIComponent(f)}`);
    assert.equal(r.status, 400, f);
  }
});
