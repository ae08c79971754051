// Events the engine pushes to every host (progress while syncing or replaying, which data changed, and
// notices worth a desktop notification).
import { z } from 'zod';
import { runProgressSchema, runSummarySchema } from '../schemas/run';

export const replayProgressSchema = z.object({
  connectionId: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  posted: z.number().int(),
  held: z.number().int(),
  failed: z.number().int(),
  /** Set when the replay stopped early (the ERP not answering): why, and what happened to the rest. */
  stopped: z.string().nullable(),
});
export type ReplayProgress = z.infer<typeof replayProgressSchema>;

/**
 * Something a person should hear about even with the window closed: a sync that failed, a connection that
 * paused itself, or new held items after a scheduled sync. Hosts may show it as a desktop notification
 * (Electron's Notification in the app, the browser's Notification API through the bridge); both optional.
 */
export const noticeSchema = z.object({
  kind: z.enum(['run_failed', 'paused', 'new_held']),
  connectionId: z.string(),
  title: z.string(),
  body: z.string(),
  at: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;

export const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run.progress'), payload: runProgressSchema }),
  z.object({ type: z.literal('run.finished'), payload: runSummarySchema }),
  z.object({ type: z.literal('replay.progress'), payload: replayProgressSchema }),
  z.object({ type: z.literal('notice'), payload: noticeSchema }),
  z.object({ type: z.literal('entities.changed'), payload: z.object({ tags: z.array(z.string()) }) }),
]);
export type MlcEvent = z.infer<typeof eventSchema>;
