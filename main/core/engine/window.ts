// Off-peak posting windows ("22:00"-"06:00", local wall-clock time, may cross midnight): whether a moment
// is inside one, when the next one opens, and the gate a scheduled run checks before starting each post.
import type { Schedule } from '../../../shared/schemas/connection';
import type { Clock } from '../ports';

export interface PostingWindow {
  from: string;
  to: string;
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** Local time of day in minutes; the machine's time zone, as the accountant reads the clock. */
const minuteOfDay = (d: Date): number => d.getHours() * 60 + d.getMinutes();

/** Inside [from, to); a window whose end is before its start runs over midnight. */
export function inWindow(w: PostingWindow, at: Date): boolean {
  const from = minutesOf(w.from);
  const to = minutesOf(w.to);
  const m = minuteOfDay(at);
  return from < to ? m >= from && m < to : m >= from || m < to;
}

/** The earliest moment at or after `at` that is inside the window. */
export function earliestInWindow(w: PostingWindow, at: Date): Date {
  if (inWindow(w, at)) return new Date(at);
  const from = minutesOf(w.from);
  const open = new Date(at);
  // setHours/setDate work on the wall clock, so on a DST change day the window still opens at "from".
  open.setHours(Math.floor(from / 60), from % 60, 0, 0);
  if (open <= at) open.setDate(open.getDate() + 1);
  return open;
}

/**
 * Whether a run may start another post now. Only scheduled runs of a window schedule are held to the window:
 * "Sync now", replays and pushed documents post at any time. What is in flight when it closes finishes.
 */
export function postingGate(schedule: Schedule, trigger: string, clock: Clock): () => boolean {
  if (trigger !== 'schedule' || schedule.mode !== 'window') return () => true;
  return () => inWindow(schedule, clock.now());
}
