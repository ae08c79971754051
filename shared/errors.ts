// Error codes and the error payload that crosses every boundary (IPC, HTTP bridge, CLI) as data.
import { z } from 'zod';

export const ERROR_CODES = [
  'BAD_REQUEST',
  'NOT_FOUND',
  'AUTH_FAILED',
  'AUTH_EXPIRED',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'NETWORK',
  'TIMEOUT',
  'REMOTE_PROTOCOL',
  'VALIDATION_REJECTED',
  'DUPLICATE',
  'MAPPING_MISSING',
  'CONFIG_INVALID',
  'CONFLICT',
  'INTERNAL',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorPayloadSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  retryable: z.boolean(),
  system: z.string().optional(),
  httpStatus: z.number().int().optional(),
  correlationId: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorPayload = z.infer<typeof errorPayloadSchema>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload };
