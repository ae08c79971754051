// Sandboxed preload: exposes exactly the contract's methods (one IPC channel each) and an event
// subscription as window.mlc. No generic invoke, no Node, no zod: validation happens in main.
import type { MlcEvent } from '../shared/contract/events';
import { CHANNEL_PREFIX, EVENT_CHANNEL, METHOD_NAMES, READY_CHANNEL } from '../shared/contract/names';
import type { MlcApi, MlcMethods } from '../shared/api';
import { contextBridge, ipcRenderer } from './electron-renderer';

const methods = Object.fromEntries(METHOD_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(CHANNEL_PREFIX + name, input)])) as unknown as MlcMethods;

const listeners = new Set<(e: MlcEvent) => void>();
ipcRenderer.on(EVENT_CHANNEL, (_e, ev) => {
  for (const l of listeners) l(ev as MlcEvent);
});

const api = {
  ...methods,
  onEvent(listener: (e: MlcEvent) => void) {
    listeners.add(listener);
    if (listeners.size === 1) ipcRenderer.send(READY_CHANNEL);
    return () => void listeners.delete(listener);
  },
} satisfies MlcApi;

contextBridge.exposeInMainWorld('mlc', Object.freeze(api));
