// Electron transport: one ipcMain.handle per contract method. Each call checks the sender (our window,
// top-level frame, app origin) and goes through dispatch, which validates with zod and returns errors as data.
import { CHANNEL_PREFIX, EVENT_CHANNEL, METHOD_NAMES, READY_CHANNEL } from '../../shared/contract/names';
import type { MlcEvent } from '../../shared/contract/events';
import type { Result } from '../../shared/errors';
import type { Core } from '../core/create-core';
import { dispatch } from '../core/dispatch';
import type { Logger } from '../core/ports';
import type { ElectronMain, IpcEvent, WebContentsLike } from './electron-api';

export const APP_ORIGIN = 'app://mlc';

export interface IpcHost {
  /** The renderer allowed to call, or null while no window is open. */
  trusted(): WebContentsLike | null;
  actor: string;
  logger: Logger;
}

function fromTrustedSender(e: IpcEvent, host: IpcHost): boolean {
  const trusted = host.trusted();
  if (!trusted || e.sender.id !== trusted.id) return false;
  const frame = e.senderFrame;
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

/** Node's URL gives "null" as the origin of a custom scheme, so compare scheme and host instead. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

const refused: Result<never> = { ok: false, error: { code: 'AUTH_FAILED', message: 'Call refused: it did not come from the ml-connector window', retryable: false } };

export function registerIpc(electron: ElectronMain, core: Core, host: IpcHost): () => void {
  for (const name of METHOD_NAMES) {
    electron.ipcMain.handle(CHANNEL_PREFIX + name, async (e, input) => {
      if (!fromTrustedSender(e, host)) {
        host.logger.warn('refused IPC call from an untrusted sender', { method: name, url: e.senderFrame?.url });
        return refused;
      }
      return dispatch(core, name, input, host.actor, host.logger);
    });
  }
  // Events wait until the renderer says it listens (mlc:ready), so nothing pushed at start-up is lost.
  let ready = false;
  const queue: MlcEvent[] = [];
  electron.ipcMain.on(READY_CHANNEL, (e) => {
    if (!fromTrustedSender(e, host)) return;
    ready = true;
    for (const ev of queue.splice(0)) send(ev);
  });
  const send = (ev: MlcEvent) => {
    const wc = host.trusted();
    if (wc && !wc.isDestroyed()) wc.send(EVENT_CHANNEL, ev);
  };
  return core.subscribe((ev) => {
    if (ready) send(ev);
    else if (queue.length < 500) queue.push(ev);
  });
}
