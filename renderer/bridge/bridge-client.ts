// Browser stand-in for the Electron preload: defines window.mlc over the loopback bridge (POST /rpc/<name>,
// GET /events). Loaded before app.js, so the app has a single code path. Token comes from the URL fragment.
import type { MlcEvent } from '../../shared/contract/events';
import { METHOD_NAMES } from '../../shared/contract/names';
import type { MlcApi, MlcMethods } from '../../shared/api';
import type { Result } from '../../shared/errors';

const TOKEN_KEY = 'mlc.bridgeToken';
const fromHash = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash)?.[1];
if (fromHash) {
  sessionStorage.setItem(TOKEN_KEY, fromHash);
  history.replaceState(null, '', location.pathname + location.search);
}
const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

async function call(name: string, input: unknown): Promise<Result<unknown>> {
  try {
    const res = await fetch(`/rpc/${name}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
    return (await res.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'NETWORK', message: 'ml-connector is not reachable: is "ml-connector serve" still running?', retryable: true } };
  }
}

const listeners = new Set<(e: MlcEvent) => void>();
let streaming = false;

async function stream(): Promise<void> {
  streaming = true;
  for (let delay = 500; listeners.size > 0; delay = Math.min(delay * 2, 10_000)) {
    try {
      const res = await fetch('/events', { headers });
      if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
      delay = 500;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = frame.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (data) for (const l of listeners) l(JSON.parse(data) as MlcEvent);
        }
      }
    } catch {
      // Reconnect below with back-off; the app keeps working on plain requests meanwhile.
    }
    await new Promise((r) => setTimeout(r, delay));
  }
  streaming = false;
}

const methods = Object.fromEntries(METHOD_NAMES.map((name) => [name, (input: unknown) => call(name, input)])) as unknown as MlcMethods;

const api = {
  ...methods,
  onEvent(listener: (e: MlcEvent) => void) {
    listeners.add(listener);
    if (!streaming) void stream();
    return () => void listeners.delete(listener);
  },
} satisfies MlcApi;

Object.defineProperty(window, 'mlc', { value: Object.freeze(api), writable: false, configurable: false });
