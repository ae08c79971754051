// The ESS event envelope (shared/api/concur.md §3.3) as a lenient zod schema, plus topic matching on
// suffix, because Concur's own samples disagree on the `public.` prefix.
import { z } from 'zod';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only what every event must carry is strict; unknown fields pass through. */
export const essEventSchema = z.looseObject({
  id: z.string().regex(UUID, 'must be a UUID'),
  correlationId: z.string().nullish(),
  topic: z.string().min(1).max(200),
  subtopic: z.string().nullish(),
  eventType: z.string().min(1).max(200),
  timeStamp: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an RFC 3339 timestamp'),
  route: z.string().nullish(),
  facts: z.record(z.string(), z.unknown()),
  data: z.unknown().optional(),
});
export type EssEvent = z.infer<typeof essEventSchema>;

export const FIS_TOPIC = 'concur.financialintegration';
export const EXPENSE_REPORT_TOPIC = 'concur.expense.report';

/** True when `topic` is `suffix` or ends with `.suffix` (`public.concur.expense.report` and `concur.expense.report`). */
export function topicMatches(topic: string, suffix: string): boolean {
  const t = topic.trim().toLowerCase();
  const s = suffix.toLowerCase();
  return t === s || t.endsWith(`.${s}`);
}

/** Short readable reason for a rejected envelope: field paths and messages, never values. */
export function envelopeProblem(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
    .join('; ');
}
