// PURE: a PostingPlan as Sage X3 object XML, either a journal entry (GESGAS-like) or a supplier
// BP invoice (GESBIS-like). Field codes come from the settings; the key goes into the reference field.
import type { PlanLine, PostingPlan } from '../../../../shared/schemas/plan';
import { x3DimensionTypes, type SageX3JournalFields, type SageX3SupplierInvoiceFields, type SageX3TargetSettings } from '../../../../shared/schemas/systems/sage-x3';
import { formatMinor } from '../../money/parse';
import { buildObjectXml, toX3Date, type X3Field, type X3FieldType, type X3ObjectData } from './schemas';

/**
 * X3 short text fields (GACCENTRY description, line description, BPSINVOICE comment) hold 30
 * characters in a standard dictionary; longer text is cut, counted in characters, not UTF-16 units.
 */
export const X3_DESCRIPTION_MAX = 30;

export function cutText(text: string, max = X3_DESCRIPTION_MAX): string {
  const chars = Array.from(text.replace(/[\r\n\t]+/g, ' ').trim());
  return chars.length > max ? chars.slice(0, max).join('').trimEnd() : chars.join('');
}

/** Collects fields, leaving out those whose code is configured as '' (not on the customer's screen). */
class Fields {
  readonly list: X3Field[] = [];
  add(name: string, type: X3FieldType, value: string | null | undefined): this {
    if (name && value !== null && value !== undefined) this.list.push({ name, type, value });
    return this;
  }
}

/** The line field of each configured dimension type: the configured code, else CCE<position>. */
export function dimensionFieldCodes(s: SageX3TargetSettings, map: Record<string, string>): Array<{ name: string; field: string }> {
  return x3DimensionTypes(s).map((d) => ({ name: d.name, field: map[d.name] ?? `CCE${d.position}` }));
}

function dimensionFields(f: Fields, s: SageX3TargetSettings, map: Record<string, string>, line: PlanLine): void {
  for (const { name, field } of dimensionFieldCodes(s, map)) {
    const value = line.dimensions[name];
    if (value) f.add(field, 'Char', value);
  }
}

/**
 * Dimension values on the plan whose type is not configured for this X3 connection: X3 would never see
 * them, so the document is held rather than posted without its analytics.
 */
export function unconfiguredDimensions(plan: PostingPlan, s: SageX3TargetSettings): Array<{ type: string; value: string; lineId: string | null }> {
  const known = new Set(x3DimensionTypes(s).map((d) => d.name));
  return plan.lines.flatMap((l) => Object.entries(l.dimensions).filter(([t, v]) => v && !known.has(t)).map(([type, value]) => ({ type, value, lineId: l.sourceLineId })));
}

export function journalObject(plan: PostingPlan, s: SageX3TargetSettings, c: SageX3JournalFields = s.journalFields): X3ObjectData {
  const header = new Fields()
    .add(c.entryType, 'Char', s.entryType)
    .add(c.site, 'Char', s.site)
    .add(c.journal, 'Char', s.journal)
    .add(c.accountingDate, 'Date', toX3Date(plan.postingDate))
    .add(c.documentDate, 'Date', plan.documentDate ? toX3Date(plan.documentDate) : null)
    .add(c.currency, 'Char', plan.currency)
    .add(c.description, 'Char', cutText(plan.description))
    .add(c.reference, 'Char', plan.idempotencyKey);
  const lines = plan.lines.map((l) => {
    const f = new Fields().add(c.lineAccount, 'Char', l.account);
    // One side per line; the other side is left out rather than sent as 0.
    f.add(l.side === 'debit' ? c.lineDebit : c.lineCredit, 'Decimal', formatMinor(l.amountMinor, plan.currency));
    dimensionFields(f, s, c.dimensions, l);
    f.add(c.lineDescription, 'Char', cutText(l.description));
    f.add(c.linePartner, 'Char', l.partner);
    // X3 keeps the tax code on the expense line and on the VAT account line; its VAT return reads both (issue 15).
    f.add(c.lineTax, 'Char', l.taxCode);
    return f.list;
  });
  return { groups: [{ id: c.headerBlock, fields: header.list }], tables: [{ id: c.linesBlock, lines }] };
}

/**
 * Invoice lines are the expense lines. A credit line carrying the supplier itself is the payable
 * side of a balanced plan: X3 books it from the supplier's control account, so it is not sent.
 * Other credit lines (refunds) go out as negative amounts.
 */
export function invoiceLines(plan: PostingPlan): Array<{ line: PlanLine; signed: number }> {
  return plan.lines
    .filter((l) => !(l.side === 'credit' && plan.partner !== null && l.partner === plan.partner))
    .map((l) => ({ line: l, signed: l.side === 'debit' ? l.amountMinor : -l.amountMinor }));
}

export function supplierInvoiceObject(plan: PostingPlan, s: SageX3TargetSettings, c: SageX3SupplierInvoiceFields = s.supplierInvoiceFields): X3ObjectData {
  const lines = invoiceLines(plan);
  const total = lines.reduce((sum, l) => sum + l.signed, 0);
  const header = new Fields()
    .add(c.site, 'Char', s.site)
    .add(c.invoiceType, 'Char', s.invoiceType)
    .add(c.supplier, 'Char', plan.partner ?? '')
    .add(c.accountingDate, 'Date', toX3Date(plan.postingDate))
    .add(c.documentDate, 'Date', plan.documentDate ? toX3Date(plan.documentDate) : null)
    .add(c.currency, 'Char', plan.currency)
    // If the customer uses the supplier-document field for the key, the key wins.
    .add(c.supplierDocument === c.reference ? '' : c.supplierDocument, 'Char', plan.invoiceNumber)
    .add(c.description, 'Char', cutText(plan.description))
    .add(c.reference, 'Char', plan.idempotencyKey)
    .add(c.total, 'Decimal', formatMinor(total, plan.currency));
  const rows = lines.map(({ line, signed }) => {
    const f = new Fields().add(c.lineAccount, 'Char', line.account).add(c.lineAmount, 'Decimal', formatMinor(signed, plan.currency));
    dimensionFields(f, s, c.dimensions, line);
    f.add(c.lineDescription, 'Char', cutText(line.description));
    f.add(c.lineTax, 'Char', line.taxCode);
    return f.list;
  });
  return { groups: [{ id: c.headerBlock, fields: header.list }], tables: [{ id: c.linesBlock, lines: rows }] };
}

/** The object XML for the configured posting mode; the plan's own kind wins when it says otherwise. */
export function planToObjectXml(plan: PostingPlan, s: SageX3TargetSettings): string {
  return buildObjectXml(plan.kind === 'supplier_invoice' ? supplierInvoiceObject(plan, s) : journalObject(plan, s));
}

/** The published object, reference field and number field used for a plan. */
export function targetFor(plan: PostingPlan, s: SageX3TargetSettings): { publicName: string; referenceField: string; numberField: string } {
  return plan.kind === 'supplier_invoice'
    ? { publicName: s.supplierInvoicePublicName, referenceField: s.supplierInvoiceFields.reference, numberField: s.supplierInvoiceFields.documentNumber }
    : { publicName: s.journalPublicName, referenceField: s.journalFields.reference, numberField: s.journalFields.documentNumber };
}
