// The writer lease as the CLI takes it outside dispatch (demo, config import, the demo systems): a busy data
// folder becomes the same plain "Error (CONFLICT): …" line as any contract error.
import type { Core } from '../core/create-core';
import { isConnectorError } from '../core/errors';
import { CliError } from './call';

export async function asCliErrors<T>(job: () => Promise<T>): Promise<T> {
  try {
    return await job();
  } catch (e) {
    if (isConnectorError(e)) throw new CliError(e.toPayload());
    throw e;
  }
}

export const withWriter = <T>(core: Core, activity: string, job: () => Promise<T>): Promise<T> => asCliErrors(() => core.runtime.writer.run(activity, job));
