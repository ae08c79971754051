import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveUrl } from '../../../main/core/adapters/concur/client';
import { isConnectorError } from '../../../main/core/errors';

test('paths resolve against the geolocation; NextPage must stay on its origin', () => {
  const geo = 'https://eu2.api.concursolutions.com';
  assert.equal(resolveUrl('/api/v3.0/expense/reports?limit=1', geo), 'https://eu2.api.concursolutions.com/api/v3.0/expense/reports?limit=1');
  assert.equal(resolveUrl(`${geo}/api/v3.0/expense/reports?offset=25`, geo), `${geo}/api/v3.0/expense/reports?offset=25`);
  for (const bad of ['https://evil.example.com/api/v3.0/expense/reports', 'http://eu2.api.concursolutions.com/x', '//evil.example.com/x']) {
    assert.throws(() => resolveUrl(bad, geo), (e) => isConnectorError(e) && e.code === 'REMOTE_PROTOCOL' && /another host/.test(e.message), bad);
  }
});
