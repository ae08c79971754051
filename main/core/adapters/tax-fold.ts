// PURE: folding a recoverable tax line into its net bill line, for ERPs that carry a bill line's tax on the line
// itself (Intacct TAXENTRIES, Acumatica TaxCategory + TaxDetails) instead of as a line of its own.
import type { PlanLine } from '../../../shared/schemas/plan';

export interface SignedLine {
  line: PlanLine;
  signed: number;
}

/**
 * A tax line whose source line has exactly one net line with the same tax code (same side), and whose code the
 * ERP can carry (`carries`), is dropped and its signed amount set on that net line as `taxSigned`; any other tax
 * line (two codes on one source line, split allocations, a code the ERP cannot carry) stays a line of its own.
 */
export function foldBillTax(lines: readonly SignedLine[], carries: (taxCode: string) => boolean = () => true): Array<SignedLine & { taxSigned: number }> {
  const out = lines.map((b) => ({ ...b, taxSigned: 0, drop: false }));
  for (const t of out) {
    if (t.line.taxRole !== 'tax' || !t.line.sourceLineId || !t.line.taxCode || !carries(t.line.taxCode)) continue;
    const same = (role: 'net' | 'tax') => out.filter((n) => n.line.taxRole === role && n.line.sourceLineId === t.line.sourceLineId);
    const nets = same('net');
    const net = nets[0];
    if (nets.length !== 1 || same('tax').length !== 1 || !net || net.line.taxCode !== t.line.taxCode || net.line.side !== t.line.side) continue;
    net.taxSigned = t.signed;
    t.drop = true;
  }
  return out.filter((x) => !x.drop).map(({ line, signed, taxSigned }) => ({ line, signed, taxSigned }));
}
