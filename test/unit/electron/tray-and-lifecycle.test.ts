// Boots main/electron/main.ts against the Electron stand-in: the app stays in the tray when its window closes,
// the tray's menu and icon follow the core, start at login, a second launch, "Pause all" and scheduled syncs
// with no window, and a quit that waits for the running sync.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import type { MlcEvent } from '../../../shared/contract/events';
import { dbPathIn } from '../../../main/host/data-dir';
import { openStore } from '../../../main/core/store/store';
import { bootMain } from '../../helpers/electron-standin/boot';
import type { Booted } from '../../helpers/electron-standin/boot';
import { seedConnection } from '../../helpers/electron-standin/seed';

const nextFinished = (b: Booted) =>
  new Promise<MlcEvent>((resolve) => {
    const off = b.shell.core.subscribe((ev) => {
      if (ev.type === 'run.finished') {
        off();
        resolve(ev);
      }
    });
  });
const labels = (b: Booted) => b.standin.trays[0]!.menu!.items.map((i) => (i.type === 'separator' ? '—' : String(i.label)));

test('closing the window keeps the app in the tray; Open brings a window back; Quit ends it', async (t) => {
  const b = await bootMain(t, { seed: (d) => seedConnection(d) });
  const tray = b.standin.trays[0]!;
  assert.deepEqual(labels(b), ['Open ml-connector', 'Sync now', 'Pause all scheduled syncs', '—', 'Start at login', 'Automatic updates (no feed set)', 'Desktop notifications', '—', 'Quit ml-connector']);
  assert.match(tray.image.path, /tray-ok\.png$/);
  b.standin.windows[0]!.close();
  assert.equal(b.standin.rec.quitCalls, 0, 'the last window closing must not quit');
  assert.equal(b.standin.rec.exited, false);
  assert.equal(tray.balloons.length, 1, 'the first close says the app is still running');
  tray.click('Open');
  assert.equal(b.standin.windows.length, 2);
  assert.equal(b.shell.window(), b.standin.windows[1]);
  b.standin.windows[1]!.close();
  assert.equal(tray.balloons.length, 1, 'said once only');
  tray.emit('click');
  assert.equal(b.standin.windows.length, 3);
  tray.click('Quit');
  await b.shell.closed;
  assert.equal(b.standin.rec.exited, true);
  assert.equal(tray.destroyed, true);
  assert.equal(b.standin.windows[2]!.destroyed, true);
});

test('start at login registers a --background login item; such a start opens no window; a second launch shows one', async (t) => {
  const b = await bootMain(t, { seed: (d) => seedConnection(d) });
  const tray = b.standin.trays[0]!;
  tray.click('Start at login');
  // A development run: Electron started on the app folder (an installed app is its own executable).
  assert.deepEqual(b.standin.loginItem(), { path: process.execPath, args: [process.cwd(), '--background'], openAtLogin: true });
  await b.shell.refresh();
  assert.equal(tray.menu!.items.find((i) => i.label === 'Start at login')!.checked, true);
  tray.click('Start at login');
  assert.equal(b.standin.loginItem().openAtLogin, false);

  const bg = await bootMain(t, { isPackaged: true, argv: ['--background'], seed: (d) => seedConnection(d) });
  assert.equal(bg.standin.windows.length, 0);
  bg.standin.trays[0]!.click('Start at login');
  assert.deepEqual(bg.standin.loginItem().args, ['--background'], 'the installed exe takes the flag alone');
  assert.equal(bg.standin.trays.length, 1);
  bg.standin.electron.app.emit('second-instance', {}, [process.execPath, '--background'], '');
  assert.equal(bg.standin.windows.length, 0, 'a second login start stays in the tray');
  bg.standin.electron.app.emit('second-instance', {}, [process.execPath], '');
  assert.equal(bg.standin.windows.length, 1);
  bg.standin.electron.app.emit('second-instance', {}, [process.execPath], '');
  assert.equal(bg.standin.windows.length, 1, 'an open window is focused, not doubled');
  assert.ok(bg.standin.windows[0]!.focused > 0);
});

test('a second instance hands over and quits without opening anything', async (t) => {
  await assert.rejects(bootMain(t, { singleInstance: false, seed: (d) => seedConnection(d) }), /single-instance lock refused/);
});

test('"Sync now" runs every active connection through sync.run, and a failed connection turns the icon red', async (t) => {
  const b = await bootMain(t, { seed: (d) => seedConnection(d) });
  const tray = b.standin.trays[0]!;
  const finished = nextFinished(b);
  tray.click('Sync now');
  const ev = await finished;
  assert.equal(ev.type === 'run.finished' && ev.payload.trigger, 'manual');
  await b.shell.refresh();
  assert.match(tray.image.path, /tray-failed\.png$/);
  assert.match(tray.tooltip, /Northwind failed/);
});

test('"Pause all" stops scheduled syncs (kept in the preferences); resumed, they run with no window open', async (t) => {
  const b = await bootMain(t, { seed: (d) => seedConnection(d, { schedule: { mode: 'interval', minutes: 60 } }) });
  const tray = b.standin.trays[0]!;
  // The boot's own tick may have started the first scheduled run already: let it end.
  while (b.shell.core.runtime.running.size) await Promise.allSettled([...b.shell.core.runtime.running.values()]);
  const store = b.shell.core.runtime.store;
  const before = store.runs.last('c1');
  b.standin.windows[0]!.close();
  tray.click('Pause all');
  assert.equal(b.shell.scheduler.paused, true);
  assert.equal((JSON.parse(readFileSync(join(b.dataDir, 'preferences.json'), 'utf8')) as { schedulesPaused: boolean }).schedulesPaused, true);
  await b.shell.refresh();
  assert.match(tray.image.path, /tray-paused\.png$/);
  assert.equal(tray.menu!.items.find((i) => String(i.label).startsWith('Pause all'))!.checked, true);
  // Due (an interval connection that never ran, or ran more than an hour ago) but paused: nothing starts.
  store.connections.save({ ...store.connections.get('c1')!, schedule: { mode: 'interval', minutes: 1 } });
  t.mock.timers.enable({ apis: ['Date'], now: Date.now() + 5 * 60_000 });
  b.shell.scheduler.tick();
  assert.equal(b.shell.core.runtime.running.size, 0);
  tray.click('Pause all');
  assert.equal(b.shell.scheduler.paused, false);
  const finished = nextFinished(b);
  b.shell.scheduler.tick();
  assert.equal(b.shell.core.runtime.running.size, 1, 'a due connection starts with the window closed');
  const ev = await finished;
  t.mock.timers.reset();
  assert.equal(ev.type === 'run.finished' && ev.payload.trigger, 'schedule');
  assert.notEqual(store.runs.last('c1')?.runId, before?.runId);
});

test('quitting during a sync waits for it to finish, then closes the core and exits', async (t) => {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let arrived!: () => void;
  const reached = new Promise<void>((r) => (arrived = r));
  const server = createServer((req, res) => {
    arrived();
    void released.then(() => res.writeHead(503, { 'content-type': 'text/plain' }).end('down'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const b = await bootMain(t, { seed: (d) => seedConnection(d, { url }) });
  const win = b.standin.windows[0]!;
  const set = b.standin.handlers.get('mlc:connections.setSecret')!;
  for (const name of ['source.clientSecret', 'source.password', 'target.password'])
    assert.equal(((await set({ sender: win.webContents, senderFrame: { url: 'app://mlc/index.html', parent: null } }, { connectionId: 'c1', name, value: 'not-a-real-secret' })) as { ok: boolean }).ok, true);
  b.standin.trays[0]!.click('Sync now');
  await reached;
  assert.equal(b.shell.core.runtime.running.size, 1);
  b.standin.electron.app.quit();
  assert.equal(b.standin.rec.exited, false, 'the quit waits for the sync');
  assert.equal(win.destroyed, true, 'the window goes at once');
  await b.shell.refresh();
  assert.match(b.standin.trays[0]!.tooltip, /Quitting after the running sync/);
  release();
  await b.shell.closed;
  assert.equal(b.standin.rec.exited, true);
  const store = openStore(dbPathIn(b.dataDir), () => new Date());
  const last = store.runs.last('c1');
  store.close();
  assert.ok(last && last.status !== 'running' && last.finishedAt, JSON.stringify(last));
});
