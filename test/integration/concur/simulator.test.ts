import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SIM_CLIENT, createConcurSimulator, seedDemoCompany } from '../../../main/simulators/concur';

const COMPANY = 'aaaabbbb-cccc-4ddd-8eee-ffff00001111';

async function token(url: string, form: Record<string, string>) {
  const res = await fetch(`${url}/oauth2/v0/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: SIM_CLIENT.clientId, client_secret: SIM_CLIENT.clientSecret, ...form }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, correlation: res.headers.get('concur-correlationid') };
}

test('token wire format: geolocation, expires_in as number or string, absolute refresh_expires_in, error codes', async (t) => {
  let now = Date.UTC(2025, 0, 1);
  const sim = createConcurSimulator({ now: () => now });
  const { urls } = await sim.start();
  t.after(() => sim.stop());
  sim.state.addCompany({ id: COMPANY, datacenter: 'eu' });
  const rt = sim.state.issueRequestToken(COMPANY, SIM_CLIENT.clientId);
  const auth = { grant_type: 'password', credtype: 'authtoken', username: COMPANY, password: rt };
  const wrongDc = await token(urls.us, auth);
  assert.deepEqual([wrongDc.status, wrongDc.body.code, wrongDc.body.geolocation], [400, 16, urls.eu]);
  const a = await token(urls.eu, auth);
  const b = await token(urls.eu, auth);
  assert.equal(a.status, 200, 'the request token is re-usable within 24 h');
  assert.deepEqual([typeof a.body.expires_in, typeof b.body.expires_in].sort(), ['number', 'string']);
  assert.equal(a.body.geolocation, urls.eu);
  assert.equal(a.body.refresh_expires_in, Math.floor(now / 1000) + 182 * 24 * 3600);
  assert.ok(a.correlation);
  assert.equal((await token(urls.eu, { ...auth, client_secret: 'nope' })).body.code, 64);
  assert.equal((await token(urls.eu, { grant_type: 'refresh_token', refresh_token: 'bogus' })).body.code, 108);
  now += 25 * 3600 * 1000;
  assert.equal((await token(urls.eu, auth)).body.code, 5, 'request token expired after 24 h');
  const refreshed = await token(urls.us, { grant_type: 'refresh_token', refresh_token: String(a.body.refresh_token) });
  assert.equal(refreshed.body.geolocation, urls.eu, 'any datacenter refreshes and names the home one');
  assert.notEqual(refreshed.body.refresh_token, a.body.refresh_token);
});

test('data endpoints: bearer per datacenter, 401 JSON body, E2 refuses user=ALL, E4 limit max 100', async (t) => {
  const sim = createConcurSimulator();
  const { urls } = await sim.start();
  t.after(() => sim.stop());
  seedDemoCompany(sim.state, { companyId: COMPANY, datacenter: 'us', reports: 3 });
  const rt = sim.state.issueRequestToken(COMPANY, SIM_CLIENT.clientId);
  const tok = String((await token(urls.us, { grant_type: 'password', credtype: 'authtoken', username: COMPANY, password: rt })).body.access_token);
  const get = async (base: string, path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${tok}`, 'concur-correlationid': 'mine-1' } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, correlation: res.headers.get('concur-correlationid') };
  };
  const ok = await get(urls.us, '/api/v3.0/expense/reports?user=ALL&approvalStatusCode=A_APPR&modifiedDateAfter=2024-12-31&limit=2');
  assert.equal(ok.status, 200);
  // E1 refuses what it does not know or does not evaluate, and malformed submit dates; the submit window filters.
  assert.match(String((await get(urls.us, '/api/v3.0/expense/reports?user=ALL&submitDateAfterr=2025-01-01')).body.errorMessage), /Unknown query parameter 'submitDateAfterr'/);
  assert.match(String((await get(urls.us, '/api/v3.0/expense/reports?user=ALL&paidDateAfter=2025-01-01')).body.errorMessage), /does not implement the documented filter 'paidDateAfter'/);
  assert.equal((await get(urls.us, '/api/v3.0/expense/reports?user=ALL&submitDateBefore=31.10.2025')).status, 400);
  assert.equal(((await get(urls.us, '/api/v3.0/expense/reports?user=ALL&submitDateAfter=2020-01-01')).body.Items as unknown[]).length, 3);
  assert.equal(((await get(urls.us, '/api/v3.0/expense/reports?user=ALL&submitDateBefore=2020-01-01')).body.Items as unknown[]).length, 0);
  assert.match(String((await get(urls.us, '/api/v3.0/invoice/paymentrequestdigests?invoiceDateAfter=2025-01-01')).body.errorMessage), /Unknown query parameter 'invoiceDateAfter'/);
  assert.equal((ok.body.Items as unknown[]).length, 2);
  assert.match(String(ok.body.NextPage), new RegExp(`^${urls.us}/api/v3.0/expense/reports\\?.*offset=2`));
  assert.equal(ok.correlation, 'mine-1');
  const other = await get(urls.eu, '/api/v3.0/expense/reports?user=ALL');
  assert.equal(other.status, 401, 'a token only works at the datacenter that issued it');
  assert.equal(typeof other.body.errorMessage, 'string');
  const id = String((ok.body.Items as Array<Record<string, unknown>>)[0]?.ID);
  assert.equal((await get(urls.us, `/api/v3.0/expense/reports/${id}?user=ALL`)).status, 400);
  assert.equal((await get(urls.us, `/api/v3.0/expense/allocations?reportID=${id}&limit=101`)).status, 400);
  assert.equal((await get(urls.us, `/api/v3.0/expense/allocations?reportID=${id}&limit=100`)).status, 200);
});

test('10,000 reports x 5 entries fit in memory and page quickly', () => {
  const sim = createConcurSimulator();
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const started = Date.now();
  const ids = seedDemoCompany(sim.state, { companyId: COMPANY, reports: 10_000, entriesPerReport: 5, splitEvery: 4 });
  assert.equal(ids.length, 10_000);
  assert.equal(sim.state.reportCount, 10_000);
  const grownMb = (process.memoryUsage().heapUsed - before) / 1e6;
  assert.ok(grownMb < 300, `heap grew ${grownMb.toFixed(0)} MB`);
  assert.ok(Date.now() - started < 5000);
  const all = sim.state.searchReports(COMPANY, Date.UTC(2025, 0, 1), () => true);
  assert.equal(all.length, 10_000);
  // touch moves a report to the end of the paging order.
  const first = ids[0] as string;
  sim.state.touch(first, Date.UTC(2030, 0, 1));
  const after = sim.state.searchReports(COMPANY, Date.UTC(2029, 0, 1), () => true);
  assert.deepEqual(after.map((r) => r.ID), [first]);
});
