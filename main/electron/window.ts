// The one application window: sandboxed, context-isolated, no Node, strict CSP, served from app://mlc,
// navigation and new windows blocked, every permission request denied.
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowLike, ElectronMain } from './electron-api';
import { APP_ORIGIN } from './ipc';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Must run before app "ready". */
export function registerAppScheme(e: ElectronMain): void {
  e.protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves dist/renderer under app://mlc/ (no file:// access for the page). */
export function serveRenderer(e: ElectronMain, rendererDir: string): void {
  e.protocol.handle('app', (req) => {
    const url = new URL(req.url);
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const full = normalize(join(rendererDir, rel));
    if (url.host !== 'mlc' || !full.startsWith(normalize(rendererDir) + sep)) return new Response('Not found', { status: 404 });
    return e.net.fetch(pathToFileURL(full).toString());
  });
}

export function hardenSession(e: ElectronMain): void {
  const s = e.session.defaultSession;
  s.setPermissionRequestHandler((_wc, _permission, cb) => cb(false));
  s.setPermissionCheckHandler(() => false);
  s.webRequest.onHeadersReceived((d, cb) => cb({ responseHeaders: { ...d.responseHeaders, 'Content-Security-Policy': [CSP], 'X-Content-Type-Options': ['nosniff'] } }));
}

export function createMainWindow(e: ElectronMain, preloadPath: string, bounds: { width: number; height: number; x?: number; y?: number }): BrowserWindowLike {
  const win = new e.BrowserWindow({
    ...bounds,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'ml-connector',
    backgroundColor: '#f6f7f9',
    webPreferences: { preload: preloadPath, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false, webviewTag: false },
  });
  const wc = win.webContents;
  wc.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void e.shell.openExternal(url);
    return { action: 'deny' };
  });
  // The app is one page with hash routes: any real navigation or redirect is blocked.
  const block = (ev: { preventDefault(): void }) => ev.preventDefault();
  wc.on('will-navigate', block);
  wc.on('will-redirect', block);
  wc.on('will-attach-webview', (ev) => ev.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
