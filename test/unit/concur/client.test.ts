import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveUrl } from '../../../main/core/adapters/concur/client';

test('paths resolve against the geolocation; a NextPage on another host is read from the geolocation', () => {
  const geo = 'https://eu2.api.concursolutions.com';
  assert.equal(resolveUrl('/api/v3.0/expense/reports?limit=1', geo), 'https://eu2.api.concursolutions.com/api/v3.0/expense/reports?limit=1');
  assert.equal(resolveUrl(`${geo}/api/v3.0/expense/reports?offset=25`, geo), `${geo}/api/v3.0/expense/reports?offset=25`);
  // v3 examples print the legacy www host in NextPage: same path and query, but the token stays on the geolocation.
  assert.equal(resolveUrl('https://www.concursolutions.com/api/v3.0/expense/reports?offset=25&user=ALL', geo), `${geo}/api/v3.0/expense/reports?offset=25&user=ALL`);
  for (const other of ['https://evil.example.com/x?a=1', 'http://eu2.api.concursolutions.com/x?a=1', '//evil.example.com/x?a=1']) {
    assert.equal(resolveUrl(other, geo), `${geo}/x?a=1`, other);
  }
});
