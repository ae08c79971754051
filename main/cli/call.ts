// Calls the core through dispatch (the same validated path as IPC and the bridge); failures become CliError.
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import type { ErrorPayload } from '../../shared/errors';
import type { Core } from '../core/create-core';
import { dispatch } from '../core/dispatch';

export class CliError extends Error {
  constructor(readonly payload: ErrorPayload) {
    super(payload.message);
  }
}

export async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await dispatch(core, method, input, 'cli', core.runtime.logger);
  if (!r.ok) throw new CliError(r.error);
  return r.data as MethodOutput<M>;
}

/** The connection to act on: the one named, else the only one there is. */
export async function pickConnection(core: Core, named: string | undefined): Promise<string> {
  if (named) return named;
  const all = await call(core, 'connections.list', {});
  if (all.length === 1) return all[0]!.id;
  if (all.length === 0) throw new CliError({ code: 'NOT_FOUND', message: 'No connections yet: run "ml-connector demo" or "ml-connector config import <file.json>"', retryable: false });
  throw new CliError({ code: 'BAD_REQUEST', message: `Several connections exist (${all.map((c) => c.id).join(', ')}): choose one with --connection`, retryable: false });
}
