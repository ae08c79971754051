// Exponential backoff with full jitter that honours the server's Retry-After.
import type { RetryPolicy } from '../../../shared/schemas/connection';
import type { Clock } from '../ports';
import { isConnectorError } from '../errors';

/** Delay before attempt `attempt + 1` (attempt counts from 1). `random` is injectable for tests. */
export function backoffDelay(policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, attempt: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(ceiling / 2 + random() * (ceiling / 2));
  // Retry-After is a floor: never come back sooner than the server asked, even past maxDelayMs.
  return retryAfterMs !== undefined ? Math.max(retryAfterMs, jittered) : jittered;
}

/**
 * Runs a call that is safe to repeat (reads, token requests) until it succeeds, fails for good,
 * or runs out of attempts. Writes never come through here: the outbox decides about those.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy, clock: Clock, signal?: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (!isConnectorError(e) || !e.retryable || attempt >= policy.maxAttempts) throw e;
      if (signal?.aborted) throw e;
      await clock.sleep(backoffDelay(policy, attempt, e.retryAfterMs), signal);
    }
  }
}
