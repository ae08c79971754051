// Expensify source settings (non-secret). Secret: partnerUserSecret.
import { z } from 'zod';
import { httpUrl, isoDateString } from './common';

export const expensifySourceSchema = z.object({
  system: z.literal('expensify'),
  baseUrl: httpUrl.default('https://integrations.expensify.com'),
  partnerUserId: z.string().min(1),
  startDate: isoDateString,
});
export type ExpensifySourceSettings = z.infer<typeof expensifySourceSchema>;
