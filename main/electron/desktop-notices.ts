// Desktop notifications in the app: Electron's Notification for the core's 'notice' events (a failed run, a
// connection that paused itself, new held items after a scheduled sync), switched on or off from the tray.
// The decision is pure (tested without Electron); the renderer stays quiet inside Electron so nothing shows twice.
import type { MlcEvent, Notice } from '../../shared/contract/events';

/** The same failure again within this time is not notified again (an interval sync may fail every 5 minutes). */
export const REPEAT_QUIET_MS = 60 * 60_000;

export interface NoticeMemory {
  /** kind|connection|body -> when it was last shown. */
  shown: Map<string, number>;
}

export const newNoticeMemory = (): NoticeMemory => ({ shown: new Map() });

/**
 * Whether to show a notice now. Off: never. A failure repeated with the same words within an hour: once
 * (until the connection syncs successfully again). A pause and new held items are news each time.
 */
export function shouldNotify(n: Notice, o: { enabled: boolean; nowMs: number; memory: NoticeMemory }): boolean {
  if (!o.enabled) return false;
  if (n.kind !== 'run_failed') return true;
  const key = `${n.kind}|${n.connectionId}|${n.body}`;
  const last = o.memory.shown.get(key);
  if (last !== undefined && o.nowMs - last < REPEAT_QUIET_MS) return false;
  o.memory.shown.set(key, o.nowMs);
  return true;
}

/** A successful run ends the quiet time of that connection's failures: the next failure is news again. */
export function forgetOnSuccess(ev: MlcEvent, memory: NoticeMemory): void {
  if (ev.type !== 'run.finished' || ev.payload.status !== 'succeeded') return;
  for (const key of memory.shown.keys()) if (key.split('|')[1] === ev.payload.connectionId) memory.shown.delete(key);
}

export interface NotificationLike {
  on(event: 'click', l: () => void): void;
  show(): void;
}
export interface NotificationApi {
  new (o: { title: string; body: string }): NotificationLike;
  isSupported(): boolean;
}

/** Feeds core events to Electron's Notification; a click opens the window. */
export function createDesktopNotifier(api: NotificationApi | undefined, o: { enabled(): boolean; now(): number; onClick(n: Notice): void; onError(e: unknown): void }) {
  const memory = newNoticeMemory();
  const shown: Notice[] = [];
  return {
    shown,
    onEvent(ev: MlcEvent): void {
      forgetOnSuccess(ev, memory);
      if (ev.type !== 'notice' || !api?.isSupported()) return;
      if (!shouldNotify(ev.payload, { enabled: o.enabled(), nowMs: o.now(), memory })) return;
      try {
        const note = new api({ title: ev.payload.title, body: ev.payload.body });
        note.on('click', () => o.onClick(ev.payload));
        note.show();
        shown.push(ev.payload);
      } catch (e) {
        o.onError(e);
      }
    },
  };
}
