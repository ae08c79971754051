// Pure X3 pieces: GraphQL pages and nodes as reference data, the dimension-structure setting, line field
// codes by position, token lifetimes and renewal margins, and the connected-app JWT's claims.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jwtVerify } from 'jose';
import { sageX3TargetSchema, x3DimensionTypes } from '../../../shared/schemas/systems/sage-x3';
import { connectedAppGrant } from '../../../main/core/adapters/sage-x3/auth';
import { graphqlErrors, tokenEndpointError } from '../../../main/core/adapters/sage-x3/errors';
import { codeOf, lacksCursorPaging, listQuery, nodeToReference, readPage } from '../../../main/core/adapters/sage-x3/graphql-reads';
import { tokenResponseSchema } from '../../../main/core/adapters/sage-x3/schemas';
import { unknownDimensionTypes } from '../../../main/core/adapters/sage-x3/reference';
import { dimensionFieldCodes, unconfiguredDimensions } from '../../../main/core/adapters/sage-x3/to-remote';
import { accessLifetimeMs } from '../../../main/core/adapters/sage-x3/token-grants';
import { renewMarginMs } from '../../../main/core/adapters/sage-x3/token-keeper';
import { line, plan, x3Context, x3Settings } from '../../helpers/x3-context';

const dims = x3DimensionTypes({ dimensionTypes: ['costCenter=CCT', 'department=DEP', 'project=PRJ'] });

test('a GraphQL page gives its nodes and the next cursor only while hasNextPage is true', () => {
  const data = { x3MasterData: { supplier: { query: { edges: [{ cursor: 'c1', node: { code: { code: 'S1' } } }, { cursor: 'c2', node: { code: { code: 'S2' } } }], pageInfo: { endCursor: 'c2', hasNextPage: true } } } } };
  assert.deepEqual(readPage('supplier', data), { nodes: [{ code: { code: 'S1' } }, { code: { code: 'S2' } }], next: 'c2', totalCount: null });
  data.x3MasterData.supplier.query.pageInfo.hasNextPage = false;
  assert.equal(readPage('supplier', data).next, null);
  assert.throws(() => readPage('account', data), /x3FinanceData\.account\.query\.edges/);
  assert.match(listQuery('dimension'), /x3FinanceData \{ dimension \{ query\(first: \$first, after: \$after\) \{ edges \{ cursor node \{/);
});

test('a GraphQL page without pageInfo: a full page goes on from the last edge cursor, a short one ends, a full one without cursor fails', () => {
  const page = (edges: unknown[]) => ({ x3MasterData: { supplier: { query: { edges } } } });
  assert.deepEqual(readPage('supplier', page([{ cursor: 'c1', node: { code: 'S1' } }, { cursor: 'c2', node: { code: 'S2' } }]), 2).next, 'c2');
  assert.equal(readPage('supplier', page([{ cursor: 'c1', node: { code: 'S1' } }]), 2).next, null);
  assert.equal(readPage('supplier', page([]), 2).next, null, 'an empty page ends the list');
  assert.throws(() => readPage('supplier', page([{ node: { code: 'S1' } }, { node: { code: 'S2' } }]), 2), /full page of suppliers but no cursor/);
  assert.match(listQuery('supplier', false), /query\(first: \$first\) \{ totalCount edges \{ node \{ code \{ code \}/);
  assert.equal(readPage('supplier', { x3MasterData: { supplier: { query: { totalCount: '7', edges: [] } } } }).totalCount, 7);
  assert.ok(lacksCursorPaging('Cannot query field "pageInfo" on type "SupplierConnection".') && lacksCursorPaging('Unknown argument "after" on field "query".'));
  assert.equal(lacksCursorPaging('Cannot query field "companyName1" on type "Supplier".'), false);
});

test('token answers: OAuth2 snake_case, and camelCase spellings (X3 Services field names are undocumented)', () => {
  assert.deepEqual(tokenResponseSchema.parse({ access_token: 'a', expires_in: '300', refresh_token: 'r', extra: 1 }), { access_token: 'a', expires_in: 300, refresh_token: 'r' });
  assert.deepEqual(tokenResponseSchema.parse({ accessToken: 'a', refreshToken: 'r', expiresIn: 300 }), { access_token: 'a', refresh_token: 'r', expires_in: 300 });
  assert.equal(tokenResponseSchema.safeParse({ token: 'x' }).success, false);
});

test('GraphQL nodes become reference items; dimension values land under the configured name', () => {
  assert.deepEqual(nodeToReference('supplier', { code: { code: 'S1' }, companyName1: 'Hotel', isActive: false }, dims), { kind: 'supplier', dimensionType: '', code: 'S1', name: 'Hotel', active: false });
  assert.deepEqual(nodeToReference('account', { code: '625100', description: 'Travel' }, dims), { kind: 'account', dimensionType: '', code: '625100', name: 'Travel', active: true });
  assert.deepEqual(nodeToReference('dimension', { dimensionType: { code: 'PRJ' }, dimension: 'P1', description: 'Alpha', isActive: true }, dims), { kind: 'dimension', dimensionType: 'project', code: 'P1', name: 'Alpha', active: true });
  assert.equal(nodeToReference('dimension', { dimensionType: { code: 'ZZZ' }, dimension: 'X' }, dims), null, 'a type not configured is not cached');
  assert.equal(nodeToReference('account', { description: 'no code' }, dims), null);
  assert.deepEqual([codeOf({ code: 'A' }), codeOf(' B '), codeOf(7), codeOf(null)], ['A', 'B', '7', '']);
});

test('the dimension structure setting: name=code entries, each name once, positions in order', () => {
  assert.deepEqual(dims.map((d) => [d.name, d.x3Type, d.position]), [['costCenter', 'CCT', 1], ['department', 'DEP', 2], ['project', 'PRJ', 3]]);
  const parse = (dimensionTypes: unknown) => sageX3TargetSchema.safeParse({ system: 'sage-x3', serverUrl: 'https://x3.example.com', folder: 'SEED', poolAlias: 'P', username: 'U', company: 'C', site: 'S', dimensionTypes }).success;
  assert.equal(parse(['costCenter=CCT']), true);
  assert.equal(parse(['costCenter']), false);
  assert.equal(parse(['costCenter=CCT', 'costCenter=DEP']), false);
  assert.equal(parse([]), false);
});

test('line fields: configured codes win, other types go to CCE<position>; stray types are found', () => {
  const s = x3Settings('https://x3.example.com', { dimensionTypes: ['costCenter=CCT', 'department=DEP', 'project=PRJ'] });
  assert.deepEqual(dimensionFieldCodes(s, { project: 'YPRJ' }), [{ name: 'costCenter', field: 'CCE1' }, { name: 'department', field: 'CCE2' }, { name: 'project', field: 'YPRJ' }]);
  const p = plan({ lines: [line(1, '625100', 'debit', 5, { dimensions: { costCenter: 'CC1', region: 'EU' } }), line(2, '421000', 'credit', 5)] });
  assert.deepEqual(unconfiguredDimensions(p, s), [{ type: 'region', value: 'EU', lineId: 'src-1' }]);
});

test('unknown dimension types are named with what X3 has', () => {
  assert.equal(unknownDimensionTypes(dims, ['cct', 'DEP', 'PRJ', 'AXE'], 'SEED'), null);
  const e = unknownDimensionTypes(dims, ['CCT'], 'SEED');
  assert.equal(e?.code, 'CONFIG_INVALID');
  assert.match(e?.message ?? '', /"DEP" \(configured for department\), "PRJ" \(configured for project\): it has CCT/);
});

test('token life from expires_in, else the JWT exp, else the default; the renewal margin fits short tokens', () => {
  const now = Date.parse('2026-11-02T09:00:00Z');
  assert.equal(accessLifetimeMs('opaque', 3600, now, 1), 3_600_000);
  const body = Buffer.from(JSON.stringify({ exp: now / 1000 + 300 })).toString('base64url');
  assert.equal(accessLifetimeMs(`eyJhbGciOiJIUzI1NiJ9.${body}.sig`, undefined, now, 1), 300_000);
  assert.equal(accessLifetimeMs('opaque', undefined, now, 42), 42);
  assert.deepEqual([renewMarginMs(300_000), renewMarginMs(3_600_000), renewMarginMs(2_000)], [60_000, 60_000, 1_000]);
});

test('the connected-app JWT: HS256 with the secret, iss = client id, sub = X3 user, empty aud, chosen life', async () => {
  const { ctx } = x3Context({ appSecret: 'the-app-secret-123' });
  const s = x3Settings('https://x3.example.com', { authMode: 'connectedApp', appClientId: 'my-app', jwtLifetimeSeconds: 120 });
  const t = await connectedAppGrant(s, ctx)(null);
  const { payload, protectedHeader } = await jwtVerify(t.accessToken, new TextEncoder().encode('the-app-secret-123'));
  assert.equal(protectedHeader.alg, 'HS256');
  assert.deepEqual([payload.iss, payload.sub, payload.aud, (payload.exp ?? 0) - (payload.iat ?? 0)], ['my-app', 'WSUSER', '', 120]);
  assert.equal(t.lifetimeMs, 120_000);
  await assert.rejects(connectedAppGrant(s, x3Context({}).ctx)(null), /connected-application secret/);
});

test('GraphQL and token-endpoint refusals say what to fix', () => {
  assert.equal(graphqlErrors(['Cannot query field "dimension" on type "x3FinanceData".'], 'dimension values').code, 'CONFIG_INVALID');
  assert.equal(graphqlErrors(['Access denied for user'], 'suppliers').code, 'AUTH_FAILED');
  assert.match(graphqlErrors(['boom'], 'suppliers').message, /suppliers query with errors: boom/);
  assert.match(tokenEndpointError(400, { error: 'invalid_grant', error_description: 'expired' }, '', 'Sage X3 Services token API').message, /pair the app again/);
  assert.equal(tokenEndpointError(401, { error: 'invalid_client' }, '', 'OAuth2 token endpoint').code, 'AUTH_FAILED');
  assert.equal(tokenEndpointError(404, null, '<html>', 'OAuth2 token endpoint').code, 'CONFIG_INVALID');
});
