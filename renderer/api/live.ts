// Live engine events: invalidates cached queries on entities.changed / run.finished, and keeps the
// latest run.progress per connection in a tiny store the dashboard reads with useSyncExternalStore.
import type { QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { RunProgress, RunSummary } from '../../shared/schemas/run';
import { invalidateTags } from './hooks';

interface LiveState {
  progress: Record<string, RunProgress | undefined>;
  finished: Record<string, RunSummary | undefined>;
}

let state: LiveState = { progress: {}, finished: {} };
const subscribers = new Set<() => void>();
const set = (next: LiveState) => {
  state = next;
  for (const s of subscribers) s();
};

export function startLiveUpdates(client: QueryClient): () => void {
  return window.mlc.onEvent((e) => {
    if (e.type === 'run.progress') set({ ...state, progress: { ...state.progress, [e.payload.connectionId]: e.payload } });
    else if (e.type === 'run.finished') {
      set({ progress: { ...state.progress, [e.payload.connectionId]: undefined }, finished: { ...state.finished, [e.payload.connectionId]: e.payload } });
      void invalidateTags(client, ['connections', 'postings', 'runs', 'audit', 'mappings', 'reference']);
    } else if (e.type === 'entities.changed') void invalidateTags(client, e.payload.tags);
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
