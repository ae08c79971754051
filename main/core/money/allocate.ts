// Splits an amount across percentages with the largest-remainder method: the parts always sum to the whole.

export type AllocateResult = { ok: true; parts: number[] } | { ok: false; message: string };

const PCT = /^(\d{1,3})(?:\.(\d{1,6}))?$/;
const SCALE = 1_000_000n; // percentages carry up to 6 decimals

function pctToScaled(p: string): bigint | null {
  const m = PCT.exec(p.trim());
  if (!m) return null;
  return BigInt(m[1] ?? '0') * SCALE + BigInt((m[2] ?? '').padEnd(6, '0'));
}

/**
 * Allocates `amountMinor` (may be negative) across `percentages` (decimal strings that must total 100).
 * Each share is floored; leftover minor units go to the largest remainders, ties to the earlier share.
 */
export function allocate(amountMinor: number, percentages: readonly string[]): AllocateResult {
  if (percentages.length === 0) return { ok: false, message: 'no allocation percentages' };
  const scaled: bigint[] = [];
  for (const p of percentages) {
    const s = pctToScaled(p);
    if (s === null) return { ok: false, message: `allocation percentage "${p}" is not a number between 0 and 100` };
    scaled.push(s);
  }
  const total = scaled.reduce((a, b) => a + b, 0n);
  if (total !== 100n * SCALE) {
    const shown = Number(total) / Number(SCALE);
    return { ok: false, message: `allocation percentages add up to ${shown}%, not 100%` };
  }
  const sign = amountMinor < 0 ? -1n : 1n;
  const abs = BigInt(Math.abs(amountMinor));
  const denom = 100n * SCALE;
  const floors = scaled.map((s) => (abs * s) / denom);
  const remainders = scaled.map((s, i) => ({ i, r: (abs * s) % denom }));
  let left = abs - floors.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    floors[i] = (floors[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return { ok: true, parts: floors.map((f) => Number(f * sign)) };
}
