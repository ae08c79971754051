// Documented variations a real Concur server may answer with (shared/api/concur.md and the public docs it
// cites), checked against a scripted fetch: each would have broken the adapter as the simulator never sends it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConcurAuth } from '../../../main/core/adapters/concur/auth';
import { createConcurClient } from '../../../main/core/adapters/concur/client';
import { ackResultsSchema, confirmResultsSchema, readFisItem } from '../../../main/core/adapters/concur/fis-schemas';
import { listItemSchema } from '../../../main/core/adapters/concur/reference-schemas';
import { invoiceDigestPageSchema } from '../../../main/core/adapters/concur/schemas';
import { createEssManager } from '../../../main/core/adapters/concur/subscriptions';
import { withConcurDefaults } from '../../../shared/schemas/systems/concur';
import { concurContext, concurSettings } from '../../helpers/concur-context';

const HOST = 'https://us2.api.concursolutions.com';
type Route = (method: string, url: URL, body: string) => Response | undefined;

function scriptedFetch(routes: Route[], seen: string[]): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    seen.push(`${method} ${url.pathname}`);
    for (const r of routes) {
      const res = r(method, url, typeof init?.body === 'string' ? init.body : '');
      if (res) return res;
    }
    return new Response('{"errorMessage":"no route"}', { status: 404 });
  }) as typeof fetch;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
let tokens = 0;
const tokenRoute: Route = (method, url) =>
  method === 'POST' && url.pathname === '/oauth2/v0/token' ? json({ access_token: `tok-${++tokens}`, token_type: 'Bearer', expires_in: '3600', geolocation: HOST }) : undefined;

test('I1: the digest list is read from PaymentRequestDigest when Items is absent', () => {
  const page = invoiceDigestPageSchema.parse({ PaymentRequestDigest: [{ ID: 'd1', PaymentRequestId: 'PR1', IsDeleted: false }], NextPage: null, TotalCount: 1 });
  assert.deepEqual(page.Items?.map((d) => d.PaymentRequestId), ['PR1']);
  assert.deepEqual(invoiceDigestPageSchema.parse({ Items: [], NextPage: null }).Items, []);
});

test('F2/F3: results as a bare array, wrapped in the schema name, or a lone item', () => {
  const item = { code: 0, docId: 'D1', systemId: null, acknowledgeResult: 'SUCCESS', errorMessage: '' };
  assert.equal(ackResultsSchema.parse([item])[0]?.docId, 'D1');
  assert.equal(ackResultsSchema.parse({ AcknowledgeResponse: [item] })[0]?.docId, 'D1');
  assert.equal(ackResultsSchema.parse(item)[0]?.docId, 'D1');
  const confirmed = confirmResultsSchema.parse({ PostingConfirmationResponse: [{ code: '113', docId: 'D2', postingConfirmationResult: 'FAILURE' }] });
  assert.equal(confirmed[0]?.code, '113');
});

test('F1: document as an object, a JSON string, or (as the schema table types it) a one-element array', () => {
  const body = { report: { reportId: 'R1' } };
  for (const document of [body, JSON.stringify(body), [body], JSON.stringify([body])]) {
    const item = readFisItem({ id: 'D1', docType: 'expense', document, docStatus: 'READY' });
    assert.deepEqual(item?.body, body, JSON.stringify(document));
  }
});

test('List v4: an item with extra fields (code, lists, listId) and a null parentId is read', () => {
  const it = listItemSchema.parse({ id: 'a', code: 'ITEM', shortCode: 'ITEM', value: 'Item', parentId: null, level: 1, isDeleted: false, lists: [{ id: 'L', hasChildren: false }], listId: 'L' });
  assert.equal(it.shortCode, 'ITEM');
});

test('writes: a 403 (token present but refused) is refreshed once and resent, like a 401', async () => {
  const seen: string[] = [];
  let refused = false;
  const t = concurContext({ secrets: { clientSecret: 's', password: 'p' } });
  t.ctx.fetch = scriptedFetch(
    [
      tokenRoute,
      (m, u) => {
        if (m !== 'PUT' || u.pathname !== '/list/v4/items/i1') return undefined;
        if (!refused) {
          refused = true;
          return json({ errorMessage: 'JWT failed validation' }, 403);
        }
        return json({ id: 'i1', shortCode: 'A', value: 'Renamed' });
      },
    ],
    seen,
  );
  const settings = withConcurDefaults(concurSettings({ tokenUrl: HOST, clientId: 'c', username: 'u' }));
  const client = createConcurClient(t.ctx, new ConcurAuth(settings, t.ctx));
  const out = await client.write('PUT', '/list/v4/items/i1', { shortCode: 'A', value: 'Renamed' }, listItemSchema, 'list item A');
  assert.equal(out?.value, 'Renamed');
  assert.equal(seen.filter((s) => s === 'POST /oauth2/v0/token').length, 2, seen.join(', '));
});

test('ESS: DELETE answered 204 with no body is a deletion; GET by id answered as a bare object is read', async () => {
  const seen: string[] = [];
  const t = concurContext({ secrets: { clientSecret: 's' } });
  const sub = { id: 'acme.fis', topic: 'public.concur.financialintegration', filter: '.*', webHookConfig: { endpoint: 'https://h.example.com/x' }, applicationId: 'app', companyIds: [] };
  t.ctx.fetch = scriptedFetch(
    [
      tokenRoute,
      (m, u) => (m === 'DELETE' && u.pathname === '/events/v4/subscriptions/acme.fis' ? new Response(null, { status: 204 }) : undefined),
      (m, u) => (m === 'GET' && u.pathname === '/events/v4/subscriptions/acme.fis' ? json(sub) : undefined),
      (m, u) => (m === 'GET' && u.pathname === '/events/v4/subscriptions' ? json([sub]) : undefined),
      (m, u) => (m === 'PUT' && u.pathname === '/events/v4/subscriptions/webhook' ? new Response('', { status: 200 }) : undefined),
    ],
    seen,
  );
  const ess = createEssManager({ tokenUrl: HOST, clientId: 'c' }, t.ctx);
  assert.equal((await ess.getSubscription('acme.fis'))?.endpoint, 'https://h.example.com/x');
  assert.deepEqual(await ess.remove('acme.fis'), { removed: true });
  const saved = await ess.createOrUpdate({ id: 'acme.fis', topic: 'public.concur.financialintegration', endpoint: 'https://h.example.com/x' });
  assert.equal(saved.created, false);
});
