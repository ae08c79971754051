// The one import of electron in main (tests substitute an in-memory stand-in for the module). electron is an optionalDependency whose download can fail, so its
// types may be absent: we type the subset we use here and keep the rest of main/electron type-checked.
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- resolves only where the optional electron package is installed
import * as electronModule from 'electron';
import type { NotificationApi } from './desktop-notices';

export interface IpcEvent {
  sender: WebContentsLike;
  senderFrame: { url: string; parent: unknown } | null;
}

export interface WebContentsLike {
  id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', l: (e: { preventDefault(): void }, ...a: unknown[]) => void): void;
  session: SessionLike;
}

export interface SessionLike {
  setPermissionRequestHandler(h: (wc: unknown, permission: string, cb: (ok: boolean) => void) => void): void;
  setPermissionCheckHandler(h: () => boolean): void;
  webRequest: { onHeadersReceived(l: (d: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void): void };
}

export interface BrowserWindowLike {
  webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', l: () => void): void;
  on(event: 'close' | 'closed', l: () => void): void;
  show(): void;
  focus(): void;
  close(): void;
  isMinimized(): boolean;
  restore(): void;
  isDestroyed(): boolean;
  getBounds(): { x: number; y: number; width: number; height: number };
}

export interface NativeImageLike {
  isEmpty(): boolean;
}

export interface MenuItemOptions {
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox';
  checked?: boolean;
  enabled?: boolean;
  click?: () => void;
}

export interface TrayLike {
  setImage(image: NativeImageLike): void;
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click' | 'double-click', l: () => void): void;
  displayBalloon?(o: { title: string; content: string; iconType?: 'none' | 'info' | 'warning' | 'error' }): void;
  destroy(): void;
}

export interface LoginItemQuery {
  path?: string;
  args?: string[];
}
export interface LoginItemSettings extends LoginItemQuery {
  openAtLogin: boolean;
}

export interface ElectronMain {
  app: {
    isPackaged: boolean;
    whenReady(): Promise<void>;
    getPath(name: 'userData'): string;
    getAppPath(): string;
    requestSingleInstanceLock(): boolean;
    on(event: string, l: (...a: unknown[]) => void): void;
    quit(): void;
    setAppUserModelId(id: string): void;
    getVersion(): string;
    setLoginItemSettings(s: LoginItemSettings): void;
    getLoginItemSettings(q?: LoginItemQuery): { openAtLogin: boolean };
  };
  Tray: new (image: NativeImageLike) => TrayLike;
  Menu: { buildFromTemplate(items: MenuItemOptions[]): unknown };
  nativeImage: { createFromPath(path: string): NativeImageLike };
  BrowserWindow: new (o: Record<string, unknown>) => BrowserWindowLike;
  ipcMain: {
    handle(channel: string, h: (e: IpcEvent, ...args: unknown[]) => unknown): void;
    on(channel: string, l: (e: IpcEvent, ...args: unknown[]) => void): void;
  };
  protocol: {
    registerSchemesAsPrivileged(s: Array<{ scheme: string; privileges: Record<string, boolean> }>): void;
    handle(scheme: string, h: (req: { url: string }) => Promise<Response> | Response): void;
  };
  net: { fetch(url: string): Promise<Response> };
  safeStorage: {
    isEncryptionAvailable(): boolean;
    getSelectedStorageBackend?(): string;
    encryptString(s: string): Buffer;
    decryptString(b: Buffer): string;
  };
  dialog: { showMessageBox(o: Record<string, unknown>): Promise<{ response: number }>; showErrorBox(title: string, body: string): void };
  session: { defaultSession: SessionLike };
  shell: { openExternal(url: string): Promise<void> };
  /** Absent in test stand-ins and where the platform has no notification centre. */
  Notification?: NotificationApi;
}

export const electron = electronModule as unknown as ElectronMain;
