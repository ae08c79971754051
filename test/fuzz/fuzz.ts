// Shared settings for the fuzz tests: bounded runs and time (so CI spends a few seconds per parser), a fixed
// seed so CI is deterministic (MLC_FUZZ_SEED / MLC_FUZZ_RUNS explore further), and the property every parser
// of outside data must keep: it returns, or fails with the error type its callers report — never a raw crash.
import fc from 'fast-check';
import { isConnectorError } from '../../main/core/errors';

export const FUZZ: fc.Parameters<unknown> = {
  numRuns: Number(process.env.MLC_FUZZ_RUNS ?? 400),
  seed: Number(process.env.MLC_FUZZ_SEED ?? 20261206),
  interruptAfterTimeLimit: Number(process.env.MLC_FUZZ_MS ?? 4000),
  markInterruptAsFailure: false,
};

/** Runs fn; a ConnectorError (or an error `allowed` accepts) is a fine answer, anything else fails the property. */
export function survives(fn: () => unknown, allowed: (e: unknown) => boolean = () => false): true {
  try {
    fn();
  } catch (e) {
    if (isConnectorError(e) || allowed(e)) return true;
    throw e;
  }
  return true;
}

/** A valid sample with random text inserted, deleted or replaced at random places: near-miss inputs. */
export function mutated(sample: string): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat({ max: sample.length }), fc.nat({ max: 12 }), fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('<', '>', '&', '"', '<!DOCTYPE x>', ']]>', '<![CDATA[', '&#0;', '\u0000', '{', '}', ',', '\n', '\r\n', '"')));
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => edits.reduce((s, [at, del, ins]) => s.slice(0, Math.min(at, s.length)) + ins + s.slice(Math.min(at, s.length) + del), sample));
}

/** Any text an outside system might send: random strings, unicode, and mutations of a real answer. */
export function hostileText(sample: string): fc.Arbitrary<string> {
  return fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), mutated(sample), fc.jsonValue().map((v) => JSON.stringify(v) ?? ''));
}
