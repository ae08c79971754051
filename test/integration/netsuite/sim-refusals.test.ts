// The NetSuite simulator refuses what NetSuite refuses: each case sends the wrong thing on the wire and expects
// the refusal. Before, a 60-minute assertion, unknown body and line fields, record types in any casing, a
// negative bill total and an unknown `replace` sublist were accepted, and every feature was always on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { createNetSuiteClient } from '../../../main/core/adapters/netsuite/client';
import { NETSUITE_DEMO } from '../../../main/simulators/netsuite';
import { startNetSuiteFixture, testKeys } from '../../helpers/netsuite-context';

const journal = (extra: Record<string, unknown> = {}, line: Record<string, unknown> = {}) => ({
  subsidiary: { id: '2' }, tranDate: '2026-10-05', currency: { id: '4' }, ...extra,
  line: { items: [{ account: { id: '104' }, debit: 10, ...line }, { account: { id: '102' }, credit: 10 }] },
});
const bill = (amounts: number[]) => ({ subsidiary: { id: '2' }, tranDate: '2026-10-05', currency: { id: '4' }, entity: { id: '501' }, expense: { items: amounts.map((amount) => ({ account: { id: '105' }, amount })) } });

test('records: unknown body and line fields, other casings of a record type, a negative bill total and an unknown replace sublist are refused', async (t) => {
  const f = await startNetSuiteFixture();
  t.after(() => f.stop());
  const client = createNetSuiteClient(f.settings, f.ctx);
  const put = (type: string, key: string, body: unknown, query?: Record<string, string>) => client.call({ method: 'PUT', path: `/record/v1/${type}/eid:${key}`, body, query, write: true });
  const detail = (a: { text: string }) => a.text;

  const ok = await put('journalEntry', 'SIM-OK', journal());
  assert.equal(ok.status, 204, ok.text);
  const badBody = await put('journalEntry', 'SIM-1', journal({ notAField: 'x' }));
  assert.equal(badBody.status, 400);
  assert.match(detail(badBody), /'notAField' is not a field/);
  const badLine = await put('journalEntry', 'SIM-2', journal({}, { amount: 10 }));
  assert.match(detail(badLine), /'amount' is not a field[^"]*"[^}]*line\.items\[0\]\.amount/);
  assert.equal((await put('JOURNALENTRY', 'SIM-3', journal())).status, 404);
  assert.equal((await put('journalentry', 'SIM-4', journal())).status, 204, 'the lower-case record id is the metadata catalog form');
  const negative = await put('vendorBill', 'SIM-5', bill([10, -25]));
  assert.equal(negative.status, 400);
  assert.match(detail(negative), /total of a bill cannot be negative/);
  assert.equal((await put('vendorBill', 'SIM-6', bill([25, -10]))).status, 204, 'credit lines are fine while the total is positive');
  const replace = await put('journalEntry', 'SIM-OK', journal(), { replace: 'lines' });
  assert.equal(replace.status, 400);
  assert.match(detail(replace), /'lines' is not a sublist of journalEntry/);
});

test('features per account: with classes off the class field is refused and the classification table does not exist', async (t) => {
  const f = await startNetSuiteFixture({ sim: { features: { classes: false } } });
  t.after(() => f.stop());
  const client = createNetSuiteClient(f.settings, f.ctx);
  const a = await client.call({ method: 'PUT', path: '/record/v1/journalEntry/eid:SIM-C', body: journal({}, { class: { id: '20' } }), write: true });
  assert.equal(a.status, 400);
  assert.match(a.text, /'class' is not available; the classes feature is not enabled/);
  const suiteql = (q: string) => client.call({ method: 'POST', path: '/query/v1/suiteql', body: { q }, prefer: 'transient', write: false });
  const q = await suiteql('SELECT id FROM classification');
  assert.equal(q.status, 400);
  assert.match(q.text, /Record 'classification' was not found/);
  // Operators are implemented (IN, LIKE) or refused (OR, functions), never ignored into "every row".
  const inList = await suiteql("SELECT id FROM vendor WHERE entityid IN ('V1001', 'V1003') ORDER BY id");
  assert.deepEqual((JSON.parse(inList.text) as { items: Array<{ id: string }> }).items.map((i) => i.id), ['501', '503']);
  const like = await suiteql("SELECT id FROM vendor WHERE entityid LIKE 'V100_' ORDER BY id");
  assert.ok((JSON.parse(like.text) as { items: Array<{ id: string }> }).items.map((i) => i.id).includes('501'));
  for (const where of ["UPPER(entityid) = 'V1001'", "entityid = 'V1001' OR entityid = 'V1002'"]) assert.equal((await suiteql(`SELECT id FROM vendor WHERE ${where}`)).status, 400, where);
});

test('a client assertion living 60 minutes is refused: NetSuite wants exp less than 60 minutes after iat', async (t) => {
  const f = await startNetSuiteFixture();
  t.after(() => f.stop());
  const key = createPrivateKey(testKeys('rsa').privatePem);
  const aud = `${f.url}/auth/oauth2/v1/token`;
  const iat = Math.floor(f.clock.epochMs() / 1000);
  const token = async (lifetime: number) => {
    const jwt = await new SignJWT({ scope: 'rest_webservices' }).setProtectedHeader({ alg: 'PS256', typ: 'JWT', kid: NETSUITE_DEMO.certificateId }).setIssuer(NETSUITE_DEMO.clientId).setAudience(aud).setIssuedAt(iat).setExpirationTime(iat + lifetime).sign(key);
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: jwt });
    const res = await fetch(aud, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    return { status: res.status, body: (await res.json()) as { error_description?: string } };
  };
  const sixty = await token(3600);
  assert.equal(sixty.status, 400);
  assert.match(sixty.body.error_description ?? '', /less than 60 minutes/);
  assert.equal((await token(3599)).status, 200);
});
