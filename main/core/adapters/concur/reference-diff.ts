// PURE: what a reference push must change so Concur matches the target. Lists: create / rename / delete
// from the list (List v4 has no inactive flag). Vendors: create / rename / unapprove / re-approve. Codes the
// source cannot hold are skipped with a reason; source records the target does not know are left alone.
import type { ReferenceItem } from '../../../../shared/schemas/reference';
import type { ConcurVendor, ListItem } from './reference-schemas';

/** List item values longer than this are cut (the v1 list API documents 64 characters for a name). */
export const LIST_VALUE_MAX = 64;
/** Longest list item code (documented as 32 characters per level). */
export const LIST_CODE_MAX = 32;

export type ListOp =
  | { op: 'create'; code: string; value: string }
  | { op: 'rename'; id: string; code: string; value: string }
  | { op: 'delete'; id: string; code: string };

export interface ListPlan {
  ops: ListOp[];
  unchanged: number;
  skipped: Array<{ code: string; reason: string }>;
}

/** Why a code cannot be a Concur list item code, or null when it can. */
export function listCodeProblem(code: string): string | null {
  if (!code.trim()) return 'an empty code';
  // Documented: a hyphen may be read as a level separator and corrupt the list.
  if (code.includes('-')) return `"${code}" contains a hyphen, which Concur lists do not support in item codes`;
  if (Array.from(code).length > LIST_CODE_MAX) return `"${code}" is longer than ${LIST_CODE_MAX} characters`;
  return null;
}

export function listValue(name: string, code: string): string {
  const text = name.replace(/[\r\n\t]+/g, ' ').trim() || code;
  const chars = Array.from(text);
  return chars.length > LIST_VALUE_MAX ? chars.slice(0, LIST_VALUE_MAX).join('').trimEnd() : text;
}

/** Ops that make one first-level Concur list match the target's values of one dimension type. */
export function planList(desired: readonly ReferenceItem[], existing: readonly ListItem[]): ListPlan {
  const byCode = new Map(existing.filter((i) => !i.isDeleted).map((i) => [i.shortCode, i]));
  const plan: ListPlan = { ops: [], unchanged: 0, skipped: [] };
  const seen = new Set<string>();
  for (const item of [...desired].sort((a, b) => a.code.localeCompare(b.code))) {
    if (seen.has(item.code)) continue;
    seen.add(item.code);
    const have = byCode.get(item.code);
    if (!item.active) {
      if (have) plan.ops.push({ op: 'delete', id: have.id, code: item.code });
      else plan.unchanged++;
      continue;
    }
    const problem = listCodeProblem(item.code);
    if (problem) {
      plan.skipped.push({ code: item.code, reason: problem });
      continue;
    }
    const value = listValue(item.name, item.code);
    if (!have) plan.ops.push({ op: 'create', code: item.code, value });
    else if ((have.value ?? '') !== value) plan.ops.push({ op: 'rename', id: have.id, code: item.code, value });
    else plan.unchanged++;
  }
  return plan;
}

export type VendorOp =
  | { op: 'create'; code: string; name: string }
  | { op: 'update'; code: string; addressCode: string; name: string; approved: boolean; change: 'rename' | 'deactivate' | 'reactivate' };

export interface VendorPlan {
  ops: VendorOp[];
  unchanged: number;
  /** Concur vendors whose code the target does not have at all. */
  sourceOnly: Array<{ code: string; name: string }>;
}

export function isApproved(v: ConcurVendor): boolean {
  const a = v.Approved;
  return a === true || (typeof a === 'string' && /^(true|1|y|yes)$/i.test(a.trim()));
}

/**
 * Ops that make Concur's vendors match the target's suppliers. Only records under our address code are
 * changed; a vendor present under any address code counts as existing (it is not created again).
 */
export function planVendors(desired: readonly ReferenceItem[], existing: readonly ConcurVendor[], addressCode: string): VendorPlan {
  const codes = new Map<string, ConcurVendor[]>();
  for (const v of existing) {
    const code = (v.VendorCode ?? '').trim();
    if (!code) continue;
    codes.set(code, [...(codes.get(code) ?? []), v]);
  }
  const plan: VendorPlan = { ops: [], unchanged: 0, sourceOnly: [] };
  const known = new Set<string>();
  for (const s of [...desired].sort((a, b) => a.code.localeCompare(b.code))) {
    if (known.has(s.code)) continue;
    known.add(s.code);
    const records = codes.get(s.code);
    const ours = records?.find((r) => (r.AddressCode ?? '') === addressCode);
    const name = s.name.trim() || s.code;
    if (!records) {
      if (s.active) plan.ops.push({ op: 'create', code: s.code, name });
      else plan.unchanged++;
      continue;
    }
    if (!ours) {
      plan.unchanged++;
      continue;
    }
    const approved = isApproved(ours);
    if (!s.active && approved) plan.ops.push({ op: 'update', code: s.code, addressCode, name: ours.VendorName ?? name, approved: false, change: 'deactivate' });
    else if (s.active && !approved) plan.ops.push({ op: 'update', code: s.code, addressCode, name, approved: true, change: 'reactivate' });
    else if (s.active && (ours.VendorName ?? '') !== name) plan.ops.push({ op: 'update', code: s.code, addressCode, name, approved: true, change: 'rename' });
    else plan.unchanged++;
  }
  for (const [code, records] of codes) {
    if (!known.has(code)) plan.sourceOnly.push({ code, name: records[0]?.VendorName ?? code });
  }
  plan.sourceOnly.sort((a, b) => a.code.localeCompare(b.code));
  return plan;
}
