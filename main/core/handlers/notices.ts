// Notices after a run, for desktop notifications: a failed run, a connection that paused itself, and new
// held items after a scheduled sync (a manual sync has the user in front of the screen already).
import type { Notice } from '../../../shared/contract/events';
import type { RunSummary } from '../../../shared/schemas/run';
import type { Runtime } from '../runtime';

export function noticesAfterRun(rt: Runtime, s: RunSummary, wasPaused: boolean): Notice[] {
  if (s.dryRun || s.status === 'skipped') return [];
  const conn = rt.store.connections.get(s.connectionId);
  const name = conn?.name ?? s.connectionId;
  const at = s.finishedAt ?? rt.clock.now().toISOString();
  const out: Notice[] = [];
  if (conn?.status === 'paused' && !wasPaused) out.push({ kind: 'paused', connectionId: s.connectionId, title: `${name} is paused`, body: conn.pausedReason ?? 'It stopped syncing; open ml-connector to resume it.', at });
  else if (s.status === 'failed') out.push({ kind: 'run_failed', connectionId: s.connectionId, title: `Sync failed: ${name}`, body: s.error ?? 'See the Audit screen for details.', at });
  if (s.trigger === 'schedule' && s.held > 0) out.push({ kind: 'new_held', connectionId: s.connectionId, title: `${s.held} new held ${s.held === 1 ? 'item' : 'items'}: ${name}`, body: 'They need a mapping or a fix before they can post. Open Held to see why.', at });
  return out;
}
