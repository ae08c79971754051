// The demo company's report changed after posting: a processor in the simulated Concur corrects the first
// entry of an already-posted report (+12.50), so the next sync shows it under "Changes after posting".
// The same report and the same correction every start, so a demo folder run again shows the same change,
// never a new one.
import type { ConcurSimulator } from '../simulators/concur';
import type { Store } from '../core/store/store';
import { DEMO_CONNECTION_ID } from './systems';

/** What the processor adds to the first entry, in cents. */
export const DEMO_CORRECTION_MINOR = 1250;

const corrected = new WeakSet<ConcurSimulator>();

/** The report the demo changes: the one it changed before, else the first report posted to X3. */
export function demoChangedReportId(store: Store): string | null {
  const earlier = store.changes.list({ connectionId: DEMO_CONNECTION_ID, limit: 100_000 }).at(-1);
  if (earlier) return earlier.source_id;
  return store.postings.list({ connectionId: DEMO_CONNECTION_ID, status: 'posted', limit: 100_000 }).at(-1)?.source_id ?? null;
}

/** Applies the correction once per simulator start; true when it did. `onlyIfChangedBefore`: restore a later start's state. */
export function correctDemoReport(store: Store, concur: ConcurSimulator, onlyIfChangedBefore: boolean): boolean {
  if (corrected.has(concur)) return false;
  if (onlyIfChangedBefore && store.changes.list({ connectionId: DEMO_CONNECTION_ID, limit: 1 }).length === 0) return false;
  const id = demoChangedReportId(store);
  const first = id ? concur.state.entriesOf(id)[0] : undefined;
  if (!id || !first) return false;
  concur.state.correctEntryAmount(id, 0, (Math.round(Number(first.ApprovedAmount) * 100) + DEMO_CORRECTION_MINOR) / 100);
  corrected.add(concur);
  return true;
}
