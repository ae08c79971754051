// Long replays in small chunks: progress with counts after each chunk (replay.progress), and a stop when a
// whole chunk failed for a reason that will not go away within this replay (the ERP is down), instead of
// retrying every remaining post against a dead ERP for minutes. What was not tried stays as it was.
import type { PostingSummary } from '../../../shared/schemas/posting';
import type { Runtime } from '../runtime';
import type { PostingRow } from '../store/repos/postings';

export const REPLAY_CHUNK = 10;

export async function replayInChunks(rt: Runtime, connectionId: string, rows: PostingRow[], replay: (chunk: PostingRow[], first: boolean) => Promise<PostingSummary[]>): Promise<PostingSummary[]> {
  const out: PostingSummary[] = [];
  const emit = (stopped: string | null) => {
    const n = (s: string) => out.filter((r) => r.status === s).length;
    rt.events.emit({ type: 'replay.progress', payload: { connectionId, total: rows.length, done: out.length, posted: n('posted'), held: n('held'), failed: n('failed'), stopped } });
  };
  emit(null);
  for (let i = 0; i < rows.length; i += REPLAY_CHUNK) {
    const res = await replay(rows.slice(i, i + REPLAY_CHUNK), i === 0);
    out.push(...res);
    const unreachable = res.length > 0 && res.every((r) => r.status === 'failed' && r.lastError?.retryable);
    if (unreachable && i + REPLAY_CHUNK < rows.length) {
      const why = res[res.length - 1]!.lastError!.message;
      emit(`The ERP is not answering (${why}). Stopped after ${out.length} of ${rows.length}; the other ${rows.length - out.length} were not tried and stay as they were. Replay again once the ERP is back.`);
      return out;
    }
    emit(null);
  }
  return out;
}
