// Money crosses boundaries as integer minor units plus an ISO 4217 code, never as a float.
import { z } from 'zod';

export const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code of three capital letters');

export const moneySchema = z.object({
  amountMinor: z.number().int().refine(Number.isSafeInteger, 'amount out of safe integer range'),
  currency: currencyCodeSchema,
});
export type Money = z.infer<typeof moneySchema>;
