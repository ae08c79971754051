// The renderer's only door to window.mlc: unwraps Result into data, or throws MlcError carrying the payload.
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import type { ErrorPayload } from '../../shared/errors';

export class MlcError extends Error {
  constructor(readonly payload: ErrorPayload) {
    super(payload.message);
  }
}

export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const fn = window.mlc[method] as unknown as (i: MethodInput<M>) => Promise<{ ok: true; data: MethodOutput<M> } | { ok: false; error: ErrorPayload }>;
  const res = await fn(input);
  if (!res.ok) throw new MlcError(res.error);
  return res.data;
}

export function errorPayload(e: unknown): ErrorPayload | null {
  if (!e) return null;
  if (e instanceof MlcError) return e.payload;
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e), retryable: false };
}
