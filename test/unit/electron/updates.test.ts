// The updater's decisions: a generic feed per installation, a check at start and daily, background download,
// install on quit, a switch to turn it off, and a restart to update that never cuts a running sync.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { silentLogger } from '../../../main/core/ports';
import { readUpdateSettings } from '../../../main/electron/update-settings';
import { createUpdateController } from '../../../main/electron/updates';
import { bootMain } from '../../helpers/electron-standin/boot';
import { seedConnection } from '../../helpers/electron-standin/seed';
import { UpdaterStandin } from '../../helpers/electron-standin/updater';

const DAY = 24 * 60 * 60_000;
const FEED = 'https://x3.northwind.local/mlc-updates/';

function controller(t: { after(fn: () => void): void }, o: { packaged?: boolean; file?: object; env?: Record<string, string>; waitForIdle?: () => Promise<void> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mlc-upd-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  if (o.file) writeFileSync(join(dir, 'updates.json'), JSON.stringify(o.file));
  const updater = new UpdaterStandin();
  let changes = 0;
  const c = createUpdateController({ updater, settings: () => readUpdateSettings(dir, o.env ?? {}), packaged: o.packaged ?? true, logger: silentLogger, waitForIdle: o.waitForIdle ?? (async () => undefined), onChange: () => changes++ });
  t.after(() => c.stop());
  return { c, updater, dir, changes: () => changes };
}
const settle = () => new Promise<void>((r) => setImmediate(r));

test('no check at all without a feed, in a development build, with a bad URL, or turned off', (t) => {
  for (const [o, reason] of [
    [{}, /no update feed/],
    [{ packaged: false, file: { feedUrl: FEED } }, /installed app only/],
    [{ file: { feedUrl: 'file:///c:/updates' } }, /http\(s\) URL/],
    [{ file: { feedUrl: FEED, enabled: false } }, /turned off/],
  ] as const) {
    const { c, updater } = controller(t, o);
    c.apply();
    assert.equal(c.phase, 'off');
    assert.match(c.offReason ?? '', reason);
    assert.equal(updater.checks, 0);
    assert.equal(updater.feed, null);
    assert.equal(updater.autoInstallOnAppQuit, false);
  }
});

test('with a feed: generic provider at that URL, checked at start and then daily, downloaded in the background, installed on quit', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const { c, updater } = controller(t, { file: { feedUrl: FEED } });
  c.apply();
  assert.deepEqual(updater.feed, { provider: 'generic', url: FEED });
  assert.equal(updater.autoDownload, true);
  assert.equal(updater.autoInstallOnAppQuit, true);
  assert.equal(updater.checks, 1);
  t.mock.timers.tick(DAY - 1);
  assert.equal(updater.checks, 1);
  t.mock.timers.tick(1);
  assert.equal(updater.checks, 2);
  updater.offer = '0.2.0';
  t.mock.timers.tick(DAY);
  await settle();
  assert.equal(c.phase, 'ready');
  assert.equal(c.readyVersion, '0.2.0');
  t.mock.timers.tick(DAY);
  assert.equal(updater.checks, 3, 'no more checks once an update waits for the quit');
  assert.deepEqual(updater.installs, [], 'nothing restarts on its own');
});

test('the feed URL comes from MLC_UPDATE_URL when updates.json names none; the file wins', (t) => {
  const fromEnv = controller(t, { env: { MLC_UPDATE_URL: FEED } });
  fromEnv.c.apply();
  assert.equal(fromEnv.updater.feed?.url, FEED);
  const both = controller(t, { file: { feedUrl: 'https://other.example/feed/' }, env: { MLC_UPDATE_URL: FEED } });
  both.c.apply();
  assert.equal(both.updater.feed?.url, 'https://other.example/feed/');
});

test('turning updates off stops the daily check and the install on quit', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const { c, updater, dir } = controller(t, { file: { feedUrl: FEED } });
  c.apply();
  writeFileSync(join(dir, 'updates.json'), JSON.stringify({ feedUrl: FEED, enabled: false }));
  c.apply();
  assert.equal(c.phase, 'off');
  assert.equal(c.switchable, true, 'the tray can turn it back on');
  assert.equal(updater.autoInstallOnAppQuit, false);
  t.mock.timers.tick(3 * DAY);
  assert.equal(updater.checks, 1);
});

test('a failed check is retried the next day; restart to update waits until no sync runs', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  let idle!: () => void;
  const { c, updater } = controller(t, { file: { feedUrl: FEED }, waitForIdle: () => new Promise<void>((r) => (idle = r)) });
  updater.checkForUpdates = async () => {
    updater.checks++;
    updater.emit('error', new Error('getaddrinfo ENOTFOUND x3.northwind.local'));
    throw new Error('getaddrinfo ENOTFOUND x3.northwind.local');
  };
  c.apply();
  await settle();
  assert.equal(c.phase, 'error');
  t.mock.timers.tick(DAY);
  await settle();
  assert.equal(updater.checks, 2);
  updater.emit('update-downloaded', { version: '0.3.0' });
  assert.equal(c.phase, 'ready');
  const restarting = c.restartToUpdate();
  await settle();
  assert.deepEqual(updater.installs, [], 'not while a sync runs');
  idle();
  await restarting;
  assert.deepEqual(updater.installs, [[false, true]]);
});

test('booted packaged: the tray switches updates off in updates.json and offers the restart, which waits for the running sync', async (t) => {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let arrived!: () => void;
  const reached = new Promise<void>((r) => (arrived = r));
  const server = createServer((_req, res) => {
    arrived();
    void released.then(() => res.writeHead(503).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const b = await bootMain(t, {
    isPackaged: true,
    seed: (d) => {
      seedConnection(d, { url });
      writeFileSync(join(d, 'updates.json'), JSON.stringify({ feedUrl: FEED }));
    },
    updater: (u) => (u.offer = '0.2.0'),
  });
  await settle();
  assert.deepEqual(b.updater.feed, { provider: 'generic', url: FEED });
  assert.equal(b.updater.checks, 1);
  assert.equal(b.shell.updates.phase, 'ready');
  await b.shell.refresh();
  const tray = b.standin.trays[0]!;
  assert.equal(tray.menu!.items.find((i) => i.label === 'Automatic updates')!.checked, true);
  // A sync in flight, then "Restart to install": nothing happens until the sync ends.
  const win = b.standin.windows[0]!;
  for (const name of ['source.clientSecret', 'source.password', 'target.password'])
    await b.standin.handlers.get('mlc:connections.setSecret')!({ sender: win.webContents, senderFrame: { url: 'app://mlc/index.html', parent: null } }, { connectionId: 'c1', name, value: 'x' });
  tray.click('Sync now');
  await reached;
  tray.click('Restart to install 0.2.0');
  await settle();
  assert.deepEqual(b.updater.installs, []);
  release();
  while (b.shell.core.runtime.running.size) await Promise.allSettled([...b.shell.core.runtime.running.values()]);
  await settle();
  assert.deepEqual(b.updater.installs, [[false, true]]);
  tray.click('Automatic updates');
  assert.equal((JSON.parse(readFileSync(join(b.dataDir, 'updates.json'), 'utf8')) as { enabled: boolean }).enabled, false);
  assert.equal(b.shell.updates.phase, 'off');
  assert.equal(b.updater.autoInstallOnAppQuit, false);
});
