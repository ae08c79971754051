import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { keysetPages } from '../../../main/core/adapters/netsuite/keyset';
import { refQuery } from '../../../main/core/adapters/netsuite/reference';
import type { SuiteqlPage } from '../../../main/core/adapters/netsuite/schemas';

const pageOf = (ids: Array<string | number>, hasMore: boolean): SuiteqlPage => ({ items: ids.map((id) => ({ id })), hasMore });

async function drain(pages: SuiteqlPage[], limit: number): Promise<{ queries: string[]; ids: unknown[] }> {
  const queries: string[] = [];
  const ids: unknown[] = [];
  const fetch = async (q: string) => (queries.push(q), pages.shift() ?? pageOf([], false));
  for await (const rows of keysetPages(fetch, (after) => refQuery('vendor', after), limit)) ids.push(...rows.map((r) => r.id));
  return { queries, ids };
}

test('keyset queries: the first without WHERE, then after the last id, same columns, ORDER BY id', async () => {
  const { queries, ids } = await drain([pageOf(['-5', '3'], true), pageOf([7, '12'], true), pageOf(['40'], true)], 2);
  assert.deepEqual(ids, ['-5', '3', 7, '12', '40']);
  assert.deepEqual(queries, [
    'SELECT id, entityid, companyname, isinactive FROM vendor ORDER BY id',
    'SELECT id, entityid, companyname, isinactive FROM vendor WHERE id > 3 ORDER BY id',
    'SELECT id, entityid, companyname, isinactive FROM vendor WHERE id > 12 ORDER BY id',
  ], 'a short page ends the read even when hasMore says otherwise');
  assert.equal((await drain([pageOf(['1', '2'], false)], 2)).queries.length, 1, 'a full last page with hasMore false needs no empty query');
});

test('keyset refuses rows out of id order or without a numeric id instead of looping or skipping', async () => {
  await assert.rejects(drain([pageOf(['5', '9'], true), pageOf(['9', '10'], true)], 2), (e) => isConnectorError(e) && e.code === 'REMOTE_PROTOCOL' && /not after 9/.test(e.message));
  await assert.rejects(drain([pageOf(['5', 'x'], true)], 2), (e) => isConnectorError(e) && /numeric internal id/.test(e.message));
});
