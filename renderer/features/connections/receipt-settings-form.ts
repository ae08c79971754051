// The receipt settings of a connection as the form edits them: size in MB (stored in bytes), types as
// checkboxes, and the problems that keep the form from saving, said next to the field.
import type { ConnectionInput } from '../../../shared/schemas/connection';
import { RECEIPT_TYPES, type ReceiptSettings, type ReceiptType } from '../../../shared/schemas/receipt';

const MB = 1024 * 1024;
/** The bounds of receiptSettingsSchema (1 KB .. 100 MB), in MB. */
export const MIN_MB = 0.01;
export const MAX_MB = 100;

export const RECEIPT_TYPE_LABEL: Record<ReceiptType, string> = { pdf: 'PDF', jpeg: 'JPEG', png: 'PNG', tiff: 'TIFF' };

export interface ReceiptForm {
  enabled: boolean;
  /** As typed, so "", "abc" or "0" can be shown and refused rather than silently changed. */
  maxMb: string;
  types: ReceiptType[];
}

export function receiptFormOf(r: ConnectionInput['receipts']): ReceiptForm {
  return { enabled: r?.enabled ?? false, maxMb: String(Math.round(((r?.maxBytes ?? 10 * MB) / MB) * 100) / 100), types: r?.allowedTypes ? [...r.allowedTypes] : ['pdf', 'jpeg', 'png'] };
}

/** What is wrong with the form, by field; empty when it can be saved. */
export function receiptFormProblems(f: ReceiptForm): { maxMb?: string; types?: string } {
  const out: { maxMb?: string; types?: string } = {};
  const mb = Number(f.maxMb.replace(',', '.'));
  if (f.maxMb.trim() === '' || !Number.isFinite(mb)) out.maxMb = 'Enter the largest receipt size in MB, e.g. 10';
  else if (mb < MIN_MB || mb > MAX_MB) out.maxMb = `Between ${MIN_MB} and ${MAX_MB} MB`;
  if (f.types.length === 0) out.types = 'Choose at least one file type';
  return out;
}

/** The stored settings; only called once receiptFormProblems is empty. */
export function receiptSettingsOf(f: ReceiptForm): ReceiptSettings {
  return { enabled: f.enabled, maxBytes: Math.round(Number(f.maxMb.replace(',', '.')) * MB), allowedTypes: RECEIPT_TYPES.filter((t) => f.types.includes(t)) };
}
