// A line's tax split from the source's own tax amounts: net = amount - every tax, recoverable = what the
// source says is reclaimed, non-recoverable = the rest of the tax. Never recomputed from a rate.
import type { LineTax, TaxComponent } from '../../../shared/schemas/document';

export function lineTaxOf(amountMinor: number, components: readonly TaxComponent[]): LineTax | undefined {
  if (components.length === 0) return undefined;
  const tax = components.reduce((s, c) => s + c.amountMinor, 0);
  const recoverable = components.reduce((s, c) => s + c.recoverableMinor, 0);
  return { netMinor: amountMinor - tax, recoverableMinor: recoverable, nonRecoverableMinor: tax - recoverable, components: [...components] };
}

/** A percentage as a decimal string, or null when the source sent none or not a number. */
export function rateText(raw: unknown): string | null {
  const t = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw.trim().replace(/%$/, '').trim() : '';
  return /^-?\d+(\.\d+)?$/.test(t) ? t : null;
}

/**
 * Whether `taxMinor` is what `rate` % of `netMinor` comes to, within what the source's own rounding can do:
 * two minor units, or 1 % of the tax when that is more (receipts round per item). Exact integer arithmetic.
 */
export function rateAgrees(netMinor: number, taxMinor: number, rate: string): boolean {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(rate);
  if (!m) return false;
  const frac = (m[3] ?? '').slice(0, 6).padEnd(6, '0');
  const scaled = BigInt(`${m[1]}${m[2]}${frac}`); // rate x 10^6
  const expected = BigInt(netMinor) * scaled; // tax x 10^8
  const actual = BigInt(taxMinor) * 100_000_000n;
  const diff = expected > actual ? expected - actual : actual - expected;
  const abs = taxMinor < 0 ? -taxMinor : taxMinor;
  const tolerance = BigInt(Math.max(2, Math.ceil(abs / 100))) * 100_000_000n;
  return diff <= tolerance;
}
