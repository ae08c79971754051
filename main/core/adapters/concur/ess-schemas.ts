// Lenient zod schemas for the SAP Concur Event Subscription Service management API (shared/api/concur.md
// §3.1): topic lists, subscription read-backs and save/delete messages. Unknown fields pass through.
import { z } from 'zod';

/** `GET /events/v4/topics` answers a list of topic names; tolerate objects carrying a name too. */
export const topicListSchema = z.array(z.union([z.string(), z.looseObject({ name: z.string() }), z.looseObject({ topic: z.string() })]));

export const subscriptionSchema = z.looseObject({
  id: z.string().min(1),
  topic: z.string().nullish(),
  filter: z.string().nullish(),
  webHookConfig: z.looseObject({ endpoint: z.string().nullish() }).nullish(),
  /** Server-owned: the app that owns the subscription. */
  applicationId: z.string().nullish(),
  /** Server-owned: companies that connected the app; empty means no events will flow yet. */
  companyIds: z.array(z.string()).nullish(),
  groups: z.array(z.unknown()).nullish(),
  scope: z.string().nullish(),
});
export type RemoteSubscription = z.infer<typeof subscriptionSchema>;

/** A list, and `GET …/subscriptions/{id}` answers a one-element array; a bare object is taken as one too. */
export const subscriptionListSchema = z.preprocess((v) => (v && typeof v === 'object' && !Array.isArray(v) ? [v] : v), z.array(subscriptionSchema));

export const messageSchema = z.looseObject({ message: z.string().nullish() });

export interface EssSubscription {
  id: string;
  topic: string;
  filter: string;
  endpoint: string;
  applicationId: string | null;
  companyIds: string[];
}

export function toSubscription(s: RemoteSubscription): EssSubscription {
  return {
    id: s.id,
    topic: s.topic ?? '',
    filter: s.filter ?? '',
    endpoint: s.webHookConfig?.endpoint ?? '',
    applicationId: s.applicationId ?? null,
    companyIds: s.companyIds ?? [],
  };
}

export function topicName(t: z.infer<typeof topicListSchema>[number]): string {
  if (typeof t === 'string') return t;
  const o = t as { name?: unknown; topic?: unknown };
  return String(o.name ?? o.topic);
}
