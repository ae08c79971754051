// Desktop notifications through the browser's Notification API (the bridge), opt-in: the user turns them
// on from the dashboard, which asks the browser for permission. Inside Electron the main process notifies
// (it hears the same 'notice' events), so the renderer stays quiet there to avoid showing them twice.
import type { Notice } from '../../shared/contract/events';

const KEY = 'mlc.notifications';

export const notificationsSupported = (): boolean => typeof Notification !== 'undefined' && !navigator.userAgent.includes('Electron');
export const notificationsOn = (): boolean => notificationsSupported() && localStorage.getItem(KEY) === 'on' && Notification.permission === 'granted';

export async function setNotifications(on: boolean): Promise<boolean> {
  if (!on || !notificationsSupported()) {
    localStorage.setItem(KEY, 'off');
    return false;
  }
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  localStorage.setItem(KEY, permission === 'granted' ? 'on' : 'off');
  return permission === 'granted';
}

export function showNotice(n: Notice): void {
  if (!notificationsOn()) return;
  const note = new Notification(n.title, { body: n.body, tag: `${n.kind}:${n.connectionId}` });
  note.onclick = () => {
    window.focus();
    location.hash = n.kind === 'new_held' ? `#/held?connection=${encodeURIComponent(n.connectionId)}` : '#/dashboard';
  };
}
