// What the tray icon and its tooltip say, from the core's connection states: a failed connection first, then
// held documents, then paused schedules, then a sync in progress, else all well.
import type { ConnectionState } from '../../shared/schemas/run';

export type TrayIcon = 'ok' | 'syncing' | 'held' | 'failed' | 'paused';

export interface TrayStatus {
  icon: TrayIcon;
  tooltip: string;
  /** Connections that are active (the ones "Sync now" starts). */
  activeIds: string[];
  anyRunning: boolean;
}

/** A connection has failed when it paused itself (sign-in refused) or its last run failed. */
export const hasFailed = (s: ConnectionState): boolean => (s.status === 'paused' && s.pausedReason !== null) || s.lastRun?.status === 'failed';

export function trayStatusOf(states: ConnectionState[], opts: { schedulesPaused: boolean; updateReady: string | null; quitting?: boolean }): TrayStatus {
  const failed = states.filter(hasFailed);
  const held = states.reduce((n, s) => n + s.counts.held, 0);
  const running = states.filter((s) => s.running);
  const lines = ['ml-connector'];
  if (opts.quitting) lines.push('Quitting after the running sync…');
  if (failed.length) lines.push(`${failed.length === 1 ? `${failed[0]!.name} failed` : `${failed.length} connections failed`}`);
  if (held) lines.push(`${held} held for review`);
  if (running.length) lines.push(`Syncing ${running.map((s) => s.name).join(', ')}`);
  if (opts.schedulesPaused) lines.push('Scheduled syncs paused');
  if (opts.updateReady) lines.push(`Update ${opts.updateReady} installs when you quit`);
  if (lines.length === 1) lines.push(states.length ? 'All synced' : 'No connections yet');
  const icon: TrayIcon = failed.length ? 'failed' : held ? 'held' : opts.schedulesPaused ? 'paused' : running.length ? 'syncing' : 'ok';
  // Windows cuts tray tooltips at 127 characters.
  const tooltip = lines.join('\n');
  return { icon, tooltip: tooltip.length > 127 ? tooltip.slice(0, 126) + '…' : tooltip, activeIds: states.filter((s) => s.status === 'active').map((s) => s.connectionId), anyRunning: running.length > 0 };
}
