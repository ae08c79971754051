// Acumatica wire shapes checked at the edge with zod: value-wrapped entities (with per-field `error`),
// HttpError bodies, OAuth token answers and the GET /entity discovery document (../shared/api/acumatica.md).
import { z } from 'zod';

export const ACUMATICA_SYSTEM = 'Acumatica';

/** One ordinary field: `{ value, error? }`. */
export interface AcuValue<T = unknown> {
  value: T;
  error?: string;
}

/** An entity as it travels: value-wrapped fields, detail collections, bare system members (id, error, …). */
export type AcuEntity = Record<string, unknown>;

export const acuEntitySchema = z.record(z.string(), z.unknown());
export const acuEntityListSchema = z.array(acuEntitySchema);

/** HttpError: message, exceptionMessage, exceptionType, optional modelState and innerException. */
export const httpErrorSchema = z
  .object({
    message: z.string().optional(),
    exceptionMessage: z.string().optional(),
    exceptionType: z.string().optional(),
    modelState: z.record(z.string(), z.array(z.string())).optional(),
    innerException: z.object({ message: z.string().optional(), exceptionMessage: z.string().optional() }).passthrough().nullish(),
  })
  .passthrough();
export type AcuHttpError = z.infer<typeof httpErrorSchema>;

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().int().positive().optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() }).passthrough();

/** GET /entity: the ERP version and the endpoints the instance offers. */
export const discoverySchema = z.object({
  version: z.object({ acumaticaBuildVersion: z.string().optional(), databaseVersion: z.string().optional() }).passthrough().optional(),
  endpoints: z.array(z.object({ name: z.string(), version: z.string(), href: z.string().optional() }).passthrough()).default([]),
});
export type Discovery = z.infer<typeof discoverySchema>;
