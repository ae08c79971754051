// The preload's import of electron, typed by hand because the optional electron package may be absent.
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- resolves only where the optional electron package is installed
import * as electronModule from 'electron';

interface PreloadElectron {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: {
    invoke(channel: string, ...args: unknown[]): Promise<never>;
    send(channel: string, ...args: unknown[]): void;
    on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  };
}

export const { contextBridge, ipcRenderer } = electronModule as unknown as PreloadElectron;
