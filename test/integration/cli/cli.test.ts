import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/temp-dir';
import { TEST_KEY } from '../../helpers/world';

const CLI = join(import.meta.dirname, '../../fixtures/cli.ts');
function cli(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dataDir, ...args], { env: { ...process.env, MLC_SECRET_KEY: TEST_KEY, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('demo --json twice, then the fixed mapping CSV and held replay --all: every report posted exactly once', (t) => {
  const dir = tempDir(t);
  const first = cli(dir, ['demo', '--json']);
  assert.equal(first.code, 0, first.err);
  const a = JSON.parse(first.out);
  const conn = (d: { connections: Array<{ connectionId: string }> }, id: string) => d.connections.find((c) => c.connectionId === id) as unknown as { fetched: number; posted: number; held: number; totals: { posted: number; held: number } };
  const ids = a.connections.map((c: { connectionId: string }) => c.connectionId) as string[];
  assert.deepEqual(ids.slice(0, 4), ['demo-concur-x3', 'demo-concur-intacct', 'demo-expensify-x3', 'demo-concur-fis-x3']);
  assert.equal(conn(a, 'demo-concur-fis-x3').posted, 25, 'FIS documents of every type and the settlement scenarios; one invoice held for its unknown vendor, a funds reservation refused');
  const x3 = conn(a, 'demo-concur-x3');
  assert.equal(x3.fetched, 308, '300 reports and 8 French supplier invoices (VAT)');
  assert.ok(x3.posted > 200 && x3.held > 10, `posted ${x3.posted} held ${x3.held}`);
  assert.equal(conn(a, 'demo-concur-intacct').posted, 42, '36 expense reports as journals and 6 supplier invoices as AP bills (2 with a GST line); 2 invoices held for an inactive vendor');
  assert.equal(conn(a, 'demo-concur-intacct-fr').posted, 8, 'the French entity\'s supplier invoices, French VAT as tax entries');
  assert.ok(conn(a, 'demo-expensify-x3').posted > 10);
  assert.equal(a.erpDocuments, a.totals.posted);
  for (const k of ['fetched', 'posted', 'held', 'failed', 'skipped']) assert.equal(typeof a[k], 'number');

  const second = cli(dir, ['demo', '--json']);
  assert.equal(second.code, 0, second.err);
  const b = JSON.parse(second.out);
  assert.equal(b.posted, 0);
  assert.equal(b.erpDocuments, a.erpDocuments);
  assert.equal(b.totals.posted, a.totals.posted);

  const list = cli(dir, ['held', 'list', '--connection', 'demo-concur-x3']);
  assert.match(list.out, /has no GL account mapped/);
  assert.match(list.out, /EUR/);
  assert.equal(cli(dir, ['mappings', 'import', a.fixedMappingsCsv]).code, 1, 'several connections: the CLI asks which one');
  assert.equal(cli(dir, ['mappings', 'import', a.fixedMappingsCsv, '--connection', 'demo-concur-x3']).code, 0);
  const replay = cli(dir, ['held', 'replay', '--all', '--connection', 'demo-concur-x3', '--json']);
  assert.equal(replay.code, 0, replay.err);
  const replayed = JSON.parse(replay.out) as Array<{ status: string }>;
  assert.equal(replayed.length, x3.held);
  assert.ok(replayed.every((r) => r.status === 'posted'));
  const third = JSON.parse(cli(dir, ['demo', '--json']).out);
  assert.equal(conn(third, 'demo-concur-x3').totals.posted, 308);
  assert.equal(conn(third, 'demo-concur-x3').totals.held, 0);
  assert.equal(third.erpDocuments, third.totals.posted);
  assert.equal(third.totals.posted, a.totals.posted + x3.held);

  const audit = cli(dir, ['audit', '--format', 'json']);
  const events = JSON.parse(audit.out) as Array<{ action: string; erpId: string | null }>;
  assert.equal(events.filter((e) => e.action === 'post' || e.action === 'recover').length, third.totals.posted);
  assert.match(cli(dir, ['audit', '--since', '2000-01-01']).out.split('\n')[0]!, /^id,at,connectionId,actor,action,sourceId,erpId/);
});

test('usage errors exit 2, failures exit 1 with a plain message', (t) => {
  const dir = tempDir(t);
  assert.equal(cli(dir, ['frobnicate']).code, 2);
  assert.equal(cli(dir, ['sync', '--bogus']).code, 2);
  const none = cli(dir, ['held', 'replay', '7']);
  assert.equal(none.code, 1);
  assert.match(none.err, /No posting 7/);
  const noConn = cli(dir, ['sync']);
  assert.equal(noConn.code, 1);
  assert.match(noConn.err, /No active connection/);
});

test('config import takes secrets only from named environment variables', (t) => {
  const dir = tempDir(t);
  const conn = {
    id: 'acme',
    name: 'Acme Concur → X3',
    source: { system: 'concur', tokenUrl: 'https://us2.api.concursolutions.com', clientId: 'cid', username: 'svc@acme.example', startDate: '2026-01-01' },
    target: { system: 'sage-x3', serverUrl: 'https://x3.acme.example:8124', folder: 'ACME', poolAlias: 'WS', username: 'ML', company: 'AC', site: 'AC01' },
    rules: { liabilityAccount: '421000', cardClearingAccount: '467000' },
  };
  const withSecret = join(dir, 'bad.json');
  writeFileSync(withSecret, JSON.stringify({ connections: [{ ...conn, password: 'literal-secret' }] }));
  const bad = cli(dir, ['config', 'import', withSecret]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /secretsFromEnv|Unrecognized key/);
  assert.doesNotMatch(bad.err, /literal-secret/);

  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ connections: [{ ...conn, secretsFromEnv: { 'source.clientSecret': 'ACME_CONCUR_SECRET', 'source.password': 'ACME_CONCUR_PW', 'target.password': 'ACME_X3_PW' } }] }));
  const missing = cli(dir, ['config', 'import', good]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /ACME_CONCUR_SECRET/);
  const ok = cli(dir, ['config', 'import', good], { ACME_CONCUR_SECRET: 's1-secret', ACME_CONCUR_PW: 's2-secret', ACME_X3_PW: 's3-secret' });
  assert.equal(ok.code, 0, ok.err);
  const listed = JSON.parse(cli(dir, ['connections', 'list', '--json']).out);
  assert.deepEqual(listed[0].secretNames, ['source.clientSecret', 'source.password', 'target.password']);
  assert.doesNotMatch(JSON.stringify(listed), /s[123]-secret/);
});

test('webhooks: subscriptions are managed from the CLI, and listen refuses to start without certificates', (t) => {
  const dir = tempDir(t);
  assert.equal(cli(dir, ['demo', '--json']).code, 0);
  const sub = cli(dir, ['webhooks', 'subscribe', 'northwind.fis', '--endpoint', 'https://relay.northwind.example/concur/events', '--connection', 'demo-concur-x3']);
  assert.equal(sub.code, 0, sub.err);
  assert.match(sub.out, /saved|created|northwind\.fis/i);
  // Each CLI run starts a fresh simulated Concur, so the list is read back empty here (the ESS tests keep one running).
  const list = cli(dir, ['webhooks', 'list', '--connection', 'demo-concur-x3']);
  assert.equal(list.code, 0, list.err);
  assert.match(list.out, /of 5 allowed per application/);
  assert.equal(cli(dir, ['webhooks', 'listen']).code, 2);
});
