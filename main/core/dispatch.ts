// dispatch: the only place a method name becomes a core call. Parses input with the contract, returns
// errors as data ({ ok:false, error }) and, in tests, checks the output against the contract too.
import type { MethodName } from '../../shared/contract/methods';
import { methods } from '../../shared/contract/methods';
import type { Result } from '../../shared/errors';
import type { Core } from './create-core';
import { isConnectorError, storeFailure, toErrorPayload } from './errors';
import type { Logger } from './ports';

export const isMethodName = (name: string): name is MethodName => Object.prototype.hasOwnProperty.call(methods, name);

export async function dispatch(core: Core, name: string, rawInput: unknown, actor: string, logger?: Logger): Promise<Result<unknown>> {
  if (!isMethodName(name)) return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown method "${name}"`, retryable: false } };
  const def = methods[name];
  const parsed = def.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'BAD_REQUEST', message: `Invalid input for ${name}: ${issues}`, retryable: false } };
  }
  try {
    const handler = core.handlers(actor)[name] as (input: unknown) => Promise<unknown>;
    const data = await handler(parsed.data);
    if (process.env.MLC_TEST === '1') {
      const check = def.output.safeParse(data);
      if (!check.success) throw new Error(`contract drift in ${name} output: ${check.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return { ok: true, data };
  } catch (thrown) {
    const e = storeFailure(thrown) ?? thrown;
    if (!isConnectorError(e)) logger?.error('unexpected error in dispatch', { method: name, stack: e instanceof Error ? e.stack : String(e) });
    return { ok: false, error: toErrorPayload(e) };
  }
}
