// Boots main/electron/main.ts against the Electron stand-in: the window's hardening, the session's CSP and
// permission refusals, the IPC sender checks, and secrets going through safeStorage.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { bootMain } from '../../helpers/electron-standin/boot';
import { seedConnection } from '../../helpers/electron-standin/seed';
import { dbPathIn } from '../../../main/host/data-dir';

const frame = (url = 'app://mlc/index.html', parent: unknown = null) => ({ url, parent });

test('the window is sandboxed and context-isolated, loads app://mlc and blocks navigation and new windows', async (t) => {
  const b = await bootMain(t, { seed: (d) => seedConnection(d) });
  const [win] = b.standin.windows;
  assert.ok(win);
  const prefs = win.options.webPreferences as Record<string, unknown>;
  assert.deepEqual({ sandbox: prefs.sandbox, contextIsolation: prefs.contextIsolation, nodeIntegration: prefs.nodeIntegration, webSecurity: prefs.webSecurity, webviewTag: prefs.webviewTag }, { sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  assert.match(String(prefs.preload), /preload\.cjs$/);
  assert.equal(win.url, 'app://mlc/index.html');
  let prevented = 0;
  for (const ev of ['will-navigate', 'will-redirect', 'will-attach-webview']) win.webContents.emit(ev, { preventDefault: () => prevented++ });
  assert.equal(prevented, 3);
  assert.deepEqual(win.webContents.openHandler!({ url: 'https://example.com/help' }), { action: 'deny' });
  assert.deepEqual(win.webContents.openHandler!({ url: 'file:///etc/passwd' }), { action: 'deny' });
  assert.deepEqual(b.standin.rec.external, ['https://example.com/help']);
});

test('every response carries the strict CSP and every permission is refused', async (t) => {
  const b = await bootMain(t, { seed: (d) => seedConnection(d) });
  const s = b.standin.session;
  let headers: Record<string, string[]> | undefined;
  s.headers!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r: { responseHeaders?: Record<string, string[]> }) => (headers = r.responseHeaders));
  const csp = headers?.['Content-Security-Policy']?.[0] ?? '';
  for (const part of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]) assert.ok(csp.includes(part), part);
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
  assert.deepEqual(headers?.['X-Content-Type-Options'], ['nosniff']);
  let granted: boolean | null = null;
  s.permissionRequest!(null, 'geolocation', (ok: boolean) => (granted = ok));
  assert.equal(granted, false);
  assert.equal(s.permissionCheck!(), false);
  // The renderer is served from app://mlc only, and never outside dist/renderer.
  const serve = b.standin.rec.protocols.get('app')!;
  assert.equal(((await serve({ url: 'app://mlc/../../package.json' })) as Response).status, 404);
  assert.equal(((await serve({ url: 'app://other/index.html' })) as Response).status, 404);
});

test('IPC answers only the top frame of the app window on app://mlc', async (t) => {
  const b = await bootMain(t, { seed: (d) => seedConnection(d) });
  const win = b.standin.windows[0]!;
  const call = b.standin.handlers.get('mlc:connections.list')!;
  const ok = (await call({ sender: win.webContents, senderFrame: frame() }, {})) as { ok: boolean; data: Array<{ id: string }> };
  assert.equal(ok.ok, true, JSON.stringify(ok));
  assert.deepEqual(ok.data.map((c) => c.id), ['c1']);
  const refusals = [
    { sender: { ...win.webContents, id: 9999 }, senderFrame: frame() },
    { sender: win.webContents, senderFrame: frame('app://mlc/index.html', {}) },
    { sender: win.webContents, senderFrame: frame('https://evil.example/') },
    { sender: win.webContents, senderFrame: null },
  ];
  for (const e of refusals) assert.deepEqual(((await call(e, {})) as { ok: boolean; error: { code: string } }).error.code, 'AUTH_FAILED');
  // With the window closed (the app in the tray) nothing is trusted.
  win.close();
  assert.equal(((await call({ sender: win.webContents, senderFrame: frame() }, {})) as { ok: boolean }).ok, false);
});

test('secrets are stored through safeStorage; without a secure store the user is asked and a refusal stores nothing', async (t) => {
  const secret = 'pa55-word-in-the-clear';
  const b = await bootMain(t, { seed: (d) => seedConnection(d) });
  const win = b.standin.windows[0]!;
  const set = b.standin.handlers.get('mlc:connections.setSecret')!;
  const res = (await set({ sender: win.webContents, senderFrame: frame() }, { connectionId: 'c1', name: 'source.password', value: secret })) as { ok: boolean };
  assert.equal(res.ok, true);
  const db = new Database(dbPathIn(b.dataDir), { readonly: true });
  const rows = db.prepare('SELECT * FROM credentials').all() as Array<Record<string, unknown>>;
  db.close();
  const stored = JSON.stringify(rows);
  assert.ok(stored.includes('v1:safe-storage:'), stored);
  assert.ok(!stored.includes(secret));
  assert.equal(b.standin.rec.dialogs.length, 0);

  const weak = await bootMain(t, { backend: 'basic_text', dialogResponse: 0, seed: (d) => seedConnection(d) });
  const w2 = weak.standin.windows[0]!;
  const refused = (await weak.standin.handlers.get('mlc:connections.setSecret')!({ sender: w2.webContents, senderFrame: frame() }, { connectionId: 'c1', name: 'source.password', value: secret })) as { ok: boolean; error: { code: string; message: string } };
  assert.equal(refused.ok, false);
  assert.equal(refused.error.code, 'CONFIG_INVALID');
  assert.ok(!refused.error.message.includes(secret));
  assert.equal(weak.standin.rec.dialogs.length, 1);
});
