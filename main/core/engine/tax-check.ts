// Checks a line's tax before anything is planned from it (issue 15, "Bad input"): tax larger than the line,
// tax of the wrong sign, a reclaim larger than its tax, a tax in another currency than the line's, a rate that
// disagrees with the amounts, parts that do not add up. Any of them holds the document with TAX_INVALID.
import type { SourceLine } from '../../../shared/schemas/document';
import type { HoldReason } from '../../../shared/schemas/posting';
import { formatMinor } from '../money/parse';
import { rateAgrees } from '../money/line-tax';

export function checkLineTax(line: SourceLine, amountMinor: number, currency: string): HoldReason | null {
  const tax = line.tax;
  if (!tax) return null;
  const bad = (what: string): HoldReason => ({ code: 'TAX_INVALID', message: `Line ${line.lineId}: ${what}; correct the tax at the source`, lineId: line.lineId });
  const fmt = (n: number) => `${formatMinor(n, currency)} ${currency}`;
  const sign = Math.sign(amountMinor);
  const total = tax.components.reduce((s, c) => s + c.amountMinor, 0);
  for (const c of tax.components) {
    const label = `tax ${c.name ?? c.code}${c.rate ? ` ${c.rate} %` : ''}`;
    if (c.currency !== currency) return bad(`${label} is in ${c.currency}, the line in ${currency}`);
    if (c.amountMinor !== 0 && Math.sign(c.amountMinor) !== sign) return bad(`${label} of ${fmt(c.amountMinor)} has the opposite sign to the line's ${fmt(amountMinor)}`);
    if (c.recoverableMinor !== 0 && Math.sign(c.recoverableMinor) !== Math.sign(c.amountMinor)) return bad(`${label}: the reclaimable ${fmt(c.recoverableMinor)} has the opposite sign to the tax ${fmt(c.amountMinor)}`);
    if (Math.abs(c.recoverableMinor) > Math.abs(c.amountMinor)) return bad(`${label}: the reclaimable ${fmt(c.recoverableMinor)} is more than the tax ${fmt(c.amountMinor)}`);
  }
  if (Math.abs(total) >= Math.abs(amountMinor)) return bad(`the tax ${fmt(total)} is not less than the line amount ${fmt(amountMinor)}`);
  const recoverable = tax.components.reduce((s, c) => s + c.recoverableMinor, 0);
  if (tax.netMinor + tax.recoverableMinor + tax.nonRecoverableMinor !== amountMinor || tax.recoverableMinor !== recoverable || tax.netMinor !== amountMinor - total) {
    return bad(`net ${fmt(tax.netMinor)}, reclaimable ${fmt(tax.recoverableMinor)} and non-reclaimable ${fmt(tax.nonRecoverableMinor)} tax do not add up to the line amount ${fmt(amountMinor)}`);
  }
  for (const c of tax.components) {
    if (c.rate !== null && c.amountMinor !== 0 && !rateAgrees(tax.netMinor, c.amountMinor, c.rate)) {
      return bad(`tax ${c.name ?? c.code} of ${fmt(c.amountMinor)} is not ${c.rate} % of the net ${fmt(tax.netMinor)}`);
    }
  }
  return null;
}
