// Item 5: a URL carrying a user name or password is never stored in the connection settings, whichever way
// the connection is saved (app, bridge, CLI): the field is named, the value never echoed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch } from '../../../main/core/dispatch';
import { urlCredentialPaths } from '../../../main/core/secrets/url-credentials';
import { createHeadlessCore } from '../../../main/host/headless-core';
import { tempDir } from '../../helpers/temp-dir';
import { TEST_KEY } from '../../helpers/world';

test('URLs with credentials are found anywhere in the settings; ordinary URLs and text are not', () => {
  assert.deepEqual(urlCredentialPaths({ a: 'https://u:p@h.example/x', b: ['http://h.example', 'ftp://only-user@h'], c: { d: 'mailto:x@y', e: 'not a url user:pw@host' } }), ['a', 'b.1']);
  assert.deepEqual(urlCredentialPaths({ a: 'https://h.example/path?q=a@b' }), []);
});

test('connections.save refuses a server URL with a password and stores nothing', async (t) => {
  const { core } = createHeadlessCore({ dataDir: tempDir(t), env: { MLC_SECRET_KEY: TEST_KEY } });
  t.after(() => core.close());
  const conn = {
    id: 'acme', name: 'Acme',
    source: { system: 'concur', tokenUrl: 'https://us2.api.concursolutions.com', clientId: 'cid', username: 'svc@acme.example', startDate: '2026-01-01' },
    target: { system: 'sage-x3', serverUrl: 'https://ML:s3cr3t-pw@x3.acme.example:8124', folder: 'ACME', poolAlias: 'WS', username: 'ML', company: 'AC', site: 'AC01' },
    rules: { liabilityAccount: '421000', cardClearingAccount: '467000' },
  };
  const r = await dispatch(core, 'connections.save', conn as never, 'test');
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error.message : '', /target\.serverUrl/);
  assert.doesNotMatch(JSON.stringify(r), /s3cr3t-pw/);
  assert.equal(core.runtime.store.connections.list().length, 0);
});
