// Live engine events: invalidates cached queries on entities.changed / run.finished, keeps the latest
// run.progress and replay.progress per connection in a tiny store the screens read with useSyncExternalStore,
// and hands notices to the desktop-notification helper.
import type { QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { ReplayProgress } from '../../shared/contract/events';
import type { RunProgress, RunSummary } from '../../shared/schemas/run';
import { invalidateTags } from './hooks';
import { showNotice } from './notify';

interface LiveState {
  progress: Record<string, RunProgress | undefined>;
  finished: Record<string, RunSummary | undefined>;
  replay: Record<string, ReplayProgress | undefined>;
}

let state: LiveState = { progress: {}, finished: {}, replay: {} };
const subscribers = new Set<() => void>();
const set = (next: LiveState) => {
  state = next;
  for (const s of subscribers) s();
};

export function startLiveUpdates(client: QueryClient): () => void {
  return window.mlc.onEvent((e) => {
    if (e.type === 'run.progress') set({ ...state, progress: { ...state.progress, [e.payload.connectionId]: e.payload } });
    else if (e.type === 'run.finished') {
      set({ ...state, progress: { ...state.progress, [e.payload.connectionId]: undefined }, finished: { ...state.finished, [e.payload.connectionId]: e.payload } });
      void invalidateTags(client, ['connections', 'postings', 'runs', 'audit', 'mappings', 'reference']);
    } else if (e.type === 'replay.progress') set({ ...state, replay: { ...state.replay, [e.payload.connectionId]: e.payload } });
    else if (e.type === 'notice') showNotice(e.payload);
    else if (e.type === 'entities.changed') void invalidateTags(client, e.payload.tags);
  });
}

export function useLive(): LiveState {
  return useSyncExternalStore(
    (cb) => {
      subscribers.add(cb);
      return () => void subscribers.delete(cb);
    },
    () => state,
  );
}
