// Concur source settings (non-secret). Secrets: clientSecret, password (user password or request token).
import { z } from 'zod';
import { httpUrl, isoDateString } from './common';

export const concurSourceSchema = z.object({
  system: z.literal('concur'),
  /** Host for the first token call; every later call follows the geolocation returned with the token. */
  tokenUrl: httpUrl.default('https://us2.api.concursolutions.com'),
  clientId: z.string().min(1),
  /** password = a user's own login; authtoken = company-level connect with the App Center request token. */
  grant: z.enum(['password', 'authtoken']).default('password'),
  /** Login id (password grant) or company UUID (authtoken grant). */
  username: z.string().min(1),
  /** Reports modified after this date are read on the first sync. */
  startDate: isoDateString,
  pageSize: z.number().int().min(1).max(100).default(100),
  /** Which v3 allocation/entry custom field carries each dimension type, e.g. { costCenter: 'Custom1' }. */
  dimensionFields: z.record(z.string(), z.string()).default({ costCenter: 'Custom1' }),
  /** Payment type ids of company-paid expenses (balanced against card clearing, not the employee). */
  companyPaidPaymentTypes: z.array(z.string()).default(['IBCP', 'CBCP']),
});
export type ConcurSourceSettings = z.infer<typeof concurSourceSchema>;
