// Hardening items 3, 4 and 5 through the CLI's one error path, in process: every failure is exit 1 (2 for
// usage) with ONE line on stderr, no stack unless --debug, and nothing silently accepted or ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../main/cli';
import { tempDir } from '../../helpers/temp-dir';
import { TEST_KEY } from '../../helpers/world';

async function run(dir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['--data-dir', dir, ...args], { out: (s) => out.push(s), err: (s) => err.push(s), env: { MLC_SECRET_KEY: TEST_KEY, ...env } });
  return { code, out: out.join('\n'), err: err.join('\n'), errLines: err.flatMap((l) => l.split('\n')) };
}

function assertOneLine(r: { code: number; err: string; errLines: string[] }, code: number, pattern: RegExp) {
  assert.equal(r.code, code, r.err);
  const lines = r.errLines.filter((l) => !/^Run "ml-connector --help"/.test(l));
  assert.equal(lines.length, 1, `one line, got:\n${r.err}`);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(r.err, /Unexpected error|\n\s+at /);
}

const CONN = {
  id: 'acme',
  name: 'Acme',
  source: { system: 'concur', tokenUrl: 'https://us2.api.concursolutions.com', clientId: 'cid', username: 'svc@acme.example', startDate: '2026-01-01' },
  target: { system: 'sage-x3', serverUrl: 'https://x3.acme.example:8124', folder: 'ACME', poolAlias: 'WS', username: 'ML', company: 'AC', site: 'AC01' },
  rules: { liabilityAccount: '421000', cardClearingAccount: '467000' },
};

test('item 4: missing or folder paths for mappings import and config import are one clear line, exit 1', async (t) => {
  const dir = tempDir(t);
  const cfg = join(dir, 'one.json');
  writeFileSync(cfg, JSON.stringify({ connections: [CONN] }));
  assert.equal((await run(dir, ['config', 'import', cfg])).code, 0);
  assertOneLine(await run(dir, ['mappings', 'import', join(dir, 'nope.csv')]), 1, /Cannot read the mapping CSV ".*nope\.csv": there is no such file/);
  mkdirSync(join(dir, 'folder.csv'));
  assertOneLine(await run(dir, ['mappings', 'import', join(dir, 'folder.csv')]), 1, /it is a folder/);
  assertOneLine(await run(dir, ['config', 'import', join(dir, 'missing.json')]), 1, /Cannot read the config file ".*missing\.json": there is no such file/);
});

test('item 4: webhooks listen with a missing or non-PEM certificate is one clear line, exit 1', async (t) => {
  const dir = tempDir(t);
  const notPem = join(dir, 'cert.txt');
  writeFileSync(notPem, 'hello, I am not a certificate');
  assertOneLine(await run(dir, ['webhooks', 'listen', '--cert', join(dir, 'none.pem'), '--key', notPem, '--client-ca', notPem]), 1, /server certificate \(--cert\).*no such file/);
  assertOneLine(await run(dir, ['webhooks', 'listen', '--cert', notPem, '--key', notPem, '--client-ca', notPem]), 1, /not a PEM file/);
  const fakePem = join(dir, 'fake.pem');
  writeFileSync(fakePem, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  assertOneLine(await run(dir, ['webhooks', 'listen', '--cert', fakePem, '--key', fakePem, '--client-ca', fakePem]), 1, /Cannot start the webhook receiver/);
});

test('item 5: duplicate ids in one config file and URLs with credentials are refused before anything is written', async (t) => {
  const dir = tempDir(t);
  const dup = join(dir, 'dup.json');
  writeFileSync(dup, JSON.stringify({ connections: [CONN, { ...CONN, name: 'Acme again' }] }));
  assertOneLine(await run(dir, ['config', 'import', dup]), 1, /"acme" more than once/);
  const creds = join(dir, 'creds.json');
  writeFileSync(creds, JSON.stringify({ connections: [{ ...CONN, target: { ...CONN.target, serverUrl: 'https://ML:pa55word@x3.acme.example:8124' } }] }));
  const r = await run(dir, ['config', 'import', creds]);
  assertOneLine(r, 1, /user name or password.*target\.serverUrl/);
  assert.doesNotMatch(r.err, /pa55word/);
  const list = await run(dir, ['connections', 'list', '--json']);
  assert.deepEqual(JSON.parse(list.out), [], 'nothing was stored');
});

test('item 5: held list --status bogus, audit --since notadate / 2026-13-45 are usage errors (exit 2)', async (t) => {
  const dir = tempDir(t);
  assertOneLine(await run(dir, ['held', 'list', '--status', 'bogus']), 2, /--status must be held or failed, not "bogus"/);
  assertOneLine(await run(dir, ['audit', '--since', 'notadate']), 2, /--since must be a date/);
  assertOneLine(await run(dir, ['audit', '--since', '2026-13-45']), 2, /--since must be a date/);
  assertOneLine(await run(dir, ['audit', '--until', '2026-02-30']), 2, /--until must be a date/);
  assertOneLine(await run(dir, ['audit', '--since', '2026-12-07', '--until', '2026-12-06']), 2, /is after/);
  assert.equal((await run(dir, ['audit', '--since', '2026-02-28', '--until', '2026-12-06T08:00:00Z'])).code, 0);
  assert.equal((await run(dir, ['held', 'list', '--status', 'failed'])).code, 0);
});

test('usage errors exit 2 with one line and a hint; --debug adds the stack', async (t) => {
  const dir = tempDir(t);
  const r = await run(dir, ['frobnicate']);
  assert.equal(r.code, 2);
  assert.match(r.errLines[0]!, /^Usage error: unknown command "frobnicate"$/);
  assert.equal((await run(dir, ['sync', '--bogus'])).code, 2);
  const plain = await run(dir, ['mappings', 'import', join(dir, 'x.csv')]);
  assert.doesNotMatch(plain.err, /\n\s+at /);
  const debug = await run(dir, ['--debug', 'mappings', 'import', join(dir, 'x.csv')]);
  assert.equal(debug.code, 1);
  assert.match(debug.err, /\n\s+at /, 'the stack, only with --debug');
});

test('item 3: held list on a database damaged inside a table is one clear line, not "Unexpected error"', async (t) => {
  const dir = tempDir(t);
  assert.equal((await run(dir, ['held', 'list'])).code, 0);
  const Database = (await import('better-sqlite3')).default;
  const path = join(dir, 'ml-connector.db');
  const db = new Database(path);
  const root = (db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'postings'").get() as { rootpage: number }).rootpage;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const { openSync, writeSync, closeSync } = await import('node:fs');
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(100, 0xff), 0, 100, (root - 1) * pageSize);
  closeSync(fd);
  // Caught by the integrity check at open (or, past it, by the error path): one line naming the damage.
  assertOneLine(await run(dir, ['held', 'list']), 1, /database .*is damaged \(/);
});
