// MlcApi: the shape of window.mlc, implemented by the Electron preload and by the browser bridge client.
import type { MlcEvent } from './contract/events';
import type { MethodInput, MethodName, MethodOutput } from './contract/methods';
import type { MethodNameFromList } from './contract/names';
import type { Result } from './errors';

export type MlcMethods = { readonly [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>> };

export type MlcApi = MlcMethods & {
  /** Subscribes to engine events (progress, finished runs, changed data); returns the unsubscribe function. */
  readonly onEvent: (listener: (e: MlcEvent) => void) => () => void;
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile when shared/contract/names.ts and the contract disagree. */
export const NAMES_MATCH_CONTRACT: Same<MethodName, MethodNameFromList> = true;
