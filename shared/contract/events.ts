// Events the engine pushes to every host (progress while syncing, and which data changed).
import { z } from 'zod';
import { runProgressSchema, runSummarySchema } from '../schemas/run';

export const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run.progress'), payload: runProgressSchema }),
  z.object({ type: z.literal('run.finished'), payload: runSummarySchema }),
  z.object({ type: z.literal('entities.changed'), payload: z.object({ tags: z.array(z.string()) }) }),
]);
export type MlcEvent = z.infer<typeof eventSchema>;
