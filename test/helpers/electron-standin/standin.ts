// TEST ONLY: an in-memory stand-in for the part of Electron's main-process API the shell uses, recording what
// the shell asks of it (window options, IPC handlers, session hooks, tray, login item, quits). It follows
// Electron's documented behaviour where the shell depends on it: the last window closing quits the app unless
// someone listens to 'window-all-closed'; quit() emits 'will-quit', which a listener may prevent.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Listener = (...a: unknown[]) => void;
export class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(ev: string, l: Listener): this {
    this.listeners.set(ev, [...(this.listeners.get(ev) ?? []), l]);
    return this;
  }
  once(ev: string, l: Listener): this {
    const w: Listener = (...a) => {
      this.listeners.set(ev, (this.listeners.get(ev) ?? []).filter((x) => x !== w));
      l(...a);
    };
    return this.on(ev, w);
  }
  emit(ev: string, ...a: unknown[]): boolean {
    const ls = this.listeners.get(ev) ?? [];
    for (const l of ls) l(...a);
    return ls.length > 0;
  }
}

export interface StandinOptions {
  userData: string;
  appPath: string;
  isPackaged?: boolean;
  singleInstance?: boolean;
  encryptionAvailable?: boolean;
  backend?: string;
  /** Button index the next message boxes answer with. */
  dialogResponse?: number;
}

let nextId = 1;
/** Reversible but not plain: enough to see that a value went through safeStorage. */
const scramble = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));

export function createElectronStandin(o: StandinOptions) {
  const windows: StandinWindow[] = [];
  const trays: StandinTray[] = [];
  const handlers = new Map<string, (e: unknown, ...a: unknown[]) => unknown>();
  const ipcListeners = new Map<string, Listener>();
  const session = { permissionRequest: null as null | Listener, permissionCheck: null as null | (() => boolean), headers: null as null | Listener };
  const rec = { schemes: [] as unknown[], protocols: new Map<string, (r: { url: string }) => unknown>(), dialogs: [] as Array<Record<string, unknown>>, errorBoxes: [] as string[], external: [] as string[], quitCalls: 0, quitEvents: 0, exited: false };
  let loginItem: { openAtLogin: boolean; path?: string; args?: string[] } = { openAtLogin: false };

  const app = Object.assign(new Emitter(), {
    isPackaged: o.isPackaged ?? false,
    whenReady: async () => undefined,
    getPath: () => o.userData,
    getAppPath: () => o.appPath,
    requestSingleInstanceLock: () => o.singleInstance ?? true,
    setAppUserModelId: () => undefined,
    getVersion: () => '0.1.0',
    quit() {
      rec.quitCalls++;
      if (rec.exited) return;
      let prevented = false;
      app.emit('before-quit');
      app.emit('will-quit', { preventDefault: () => (prevented = true) });
      if (prevented) return;
      rec.exited = true;
      app.emit('quit');
    },
    setLoginItemSettings: (s: typeof loginItem) => void (loginItem = { ...s }),
    // Windows matches the item by path and arguments: a query with other ones does not find it.
    getLoginItemSettings: (q?: { path?: string; args?: string[] }) => ({
      openAtLogin: loginItem.openAtLogin && (q?.path ?? process.execPath) === (loginItem.path ?? process.execPath) && JSON.stringify(q?.args ?? []) === JSON.stringify(loginItem.args ?? []),
    }),
  });

  class StandinWindow extends Emitter {
    readonly options: Record<string, unknown>;
    destroyed = false;
    visible = false;
    focused = 0;
    url = '';
    readonly webContents;
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      const wcEvents = new Emitter();
      this.webContents = Object.assign(wcEvents, {
        id: nextId++,
        sent: [] as unknown[][],
        openHandler: null as null | ((d: { url: string }) => { action: 'deny' }),
        send: (...a: unknown[]) => void this.webContents.sent.push(a),
        isDestroyed: () => this.destroyed,
        setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' }) => void (this.webContents.openHandler = h),
        session: standinSession,
      });
      windows.push(this);
    }
    loadURL = async (url: string) => void (this.url = url);
    show = () => void (this.visible = true);
    focus = () => void this.focused++;
    isMinimized = () => false;
    restore = () => undefined;
    isDestroyed = () => this.destroyed;
    getBounds = () => ({ x: 0, y: 0, width: 1280, height: 800 });
    close = () => {
      if (this.destroyed) return;
      this.emit('close', { preventDefault: () => undefined });
      this.destroyed = true;
      this.emit('closed');
      if (windows.every((w) => w.destroyed) && !app.emit('window-all-closed')) app.quit();
    };
  }

  class StandinTray extends Emitter {
    image: { path: string };
    tooltip = '';
    menu: { items: Array<Record<string, unknown>> } | null = null;
    balloons: Array<Record<string, unknown>> = [];
    destroyed = false;
    constructor(image: { path: string }) {
      super();
      this.image = image;
      trays.push(this);
    }
    setImage = (i: { path: string }) => void (this.image = i);
    setToolTip = (t: string) => void (this.tooltip = t);
    setContextMenu = (m: { items: Array<Record<string, unknown>> }) => void (this.menu = m);
    displayBalloon = (b: Record<string, unknown>) => void this.balloons.push(b);
    destroy = () => void (this.destroyed = true);
    /** Clicks the menu item whose label starts with `label`. */
    click(label: string): void {
      const item = this.menu?.items.find((i) => typeof i.label === 'string' && i.label.startsWith(label));
      if (!item) throw new Error(`no tray menu item "${label}" in ${JSON.stringify(this.menu?.items.map((i) => i.label))}`);
      if (item.enabled === false) throw new Error(`tray menu item "${label}" is disabled`);
      (item.click as () => void)();
    }
  }

  const standinSession = {
    setPermissionRequestHandler: (h: Listener) => void (session.permissionRequest = h),
    setPermissionCheckHandler: (h: () => boolean) => void (session.permissionCheck = h),
    webRequest: { onHeadersReceived: (l: Listener) => void (session.headers = l) },
  };

  const electron = {
    app,
    BrowserWindow: StandinWindow,
    ipcMain: {
      handle: (ch: string, h: (e: unknown, ...a: unknown[]) => unknown) => void handlers.set(ch, h),
      on: (ch: string, l: Listener) => void ipcListeners.set(ch, l),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => void rec.schemes.push(...s),
      handle: (scheme: string, h: (r: { url: string }) => unknown) => void rec.protocols.set(scheme, h),
    },
    net: {
      fetch: async (url: string) => {
        const p = fileURLToPath(url);
        return existsSync(p) ? new Response(readFileSync(p)) : new Response('missing', { status: 404 });
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => o.encryptionAvailable ?? true,
      getSelectedStorageBackend: () => o.backend ?? 'dpapi',
      encryptString: (s: string) => scramble(Buffer.from(s, 'utf8')),
      decryptString: (b: Buffer) => scramble(b).toString('utf8'),
    },
    dialog: {
      showMessageBox: async (m: Record<string, unknown>) => {
        rec.dialogs.push(m);
        return { response: o.dialogResponse ?? 0 };
      },
      showErrorBox: (title: string, body: string) => void rec.errorBoxes.push(`${title}: ${body}`),
    },
    session: { defaultSession: standinSession },
    shell: { openExternal: async (url: string) => void rec.external.push(url), openPath: async () => '' },
    Tray: StandinTray,
    Menu: { buildFromTemplate: (items: Array<Record<string, unknown>>) => ({ items }) },
    nativeImage: { createFromPath: (path: string) => ({ path, isEmpty: () => !existsSync(path) }) },
  };
  return { electron, windows, trays, handlers, ipcListeners, session, rec, loginItem: () => loginItem };
}

export type ElectronStandin = ReturnType<typeof createElectronStandin>;
