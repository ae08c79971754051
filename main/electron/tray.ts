// The system tray: the app lives here while no window is open. Icon and tooltip follow the core's state
// (failed connection, held documents, paused schedules, syncing); the menu opens the window, starts a sync,
// pauses the schedules, switches start at login and automatic updates, and quits.
import { join } from 'node:path';
import type { ElectronMain, MenuItemOptions, NativeImageLike, TrayLike } from './electron-api';
import type { TrayIcon, TrayStatus } from './tray-state';

export interface TrayActions {
  open(): void;
  syncNow(): void;
  setPaused(paused: boolean): void;
  setStartAtLogin(on: boolean): void;
  setAutoUpdate(on: boolean): void;
  restartToUpdate(): void;
  quit(): void;
  /** Desktop notifications on or off (failed or paused connections, new held items after a scheduled sync). */
  setNotifications?(on: boolean): void;
}

export interface TrayView {
  status: TrayStatus;
  schedulesPaused: boolean;
  startAtLogin: boolean;
  /** null: updates cannot be switched (no feed for this installation, or a development build). */
  autoUpdate: { on: boolean } | null;
  updateReady: string | null;
  /** Desktop notifications on; absent: the menu has no such item. */
  notifications?: boolean;
}

export interface AppTray {
  render(view: TrayView): void;
  readonly icon: TrayIcon | null;
  readonly menu: MenuItemOptions[];
  balloon(title: string, content: string): void;
  destroy(): void;
}

export const trayIconPath = (iconDir: string, icon: TrayIcon): string => join(iconDir, `tray-${icon}.png`);

export function menuOf(v: TrayView, a: TrayActions): MenuItemOptions[] {
  const items: MenuItemOptions[] = [
    { label: 'Open ml-connector', click: a.open },
    { label: v.status.anyRunning ? 'Sync now (running…)' : 'Sync now', enabled: v.status.activeIds.length > 0 && !v.status.anyRunning, click: a.syncNow },
    { label: 'Pause all scheduled syncs', type: 'checkbox', checked: v.schedulesPaused, click: () => a.setPaused(!v.schedulesPaused) },
    { type: 'separator' },
    { label: 'Start at login', type: 'checkbox', checked: v.startAtLogin, click: () => a.setStartAtLogin(!v.startAtLogin) },
    v.autoUpdate
      ? { label: 'Automatic updates', type: 'checkbox', checked: v.autoUpdate.on, click: () => a.setAutoUpdate(!v.autoUpdate!.on) }
      : { label: 'Automatic updates (no feed set)', type: 'checkbox', checked: false, enabled: false },
  ];
  if (v.notifications !== undefined && a.setNotifications) items.push({ label: 'Desktop notifications', type: 'checkbox', checked: v.notifications, click: () => a.setNotifications!(!v.notifications) });
  if (v.updateReady) items.push({ label: `Restart to install ${v.updateReady}`, click: a.restartToUpdate });
  items.push({ type: 'separator' }, { label: 'Quit ml-connector', click: a.quit });
  return items;
}

export function createAppTray(e: ElectronMain, iconDir: string, actions: TrayActions): AppTray {
  const images = new Map<TrayIcon, NativeImageLike>();
  const image = (icon: TrayIcon) => {
    if (!images.has(icon)) images.set(icon, e.nativeImage.createFromPath(trayIconPath(iconDir, icon)));
    return images.get(icon)!;
  };
  const tray: TrayLike = new e.Tray(image('ok'));
  tray.on('click', actions.open);
  tray.on('double-click', actions.open);
  let icon: TrayIcon | null = null;
  let menu: MenuItemOptions[] = [];
  return {
    get icon() {
      return icon;
    },
    get menu() {
      return menu;
    },
    render(v) {
      if (v.status.icon !== icon) tray.setImage(image(v.status.icon));
      icon = v.status.icon;
      tray.setToolTip(v.status.tooltip);
      menu = menuOf(v, actions);
      tray.setContextMenu(e.Menu.buildFromTemplate(menu));
    },
    balloon(title, content) {
      tray.displayBalloon?.({ title, content, iconType: 'info' });
    },
    destroy: () => tray.destroy(),
  };
}
