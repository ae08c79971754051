// Invoice Vendor v3: reads all vendors (Items/NextPage), creates the target's missing suppliers in one
// POST per chunk, and updates names and approval with PUT. A vendor's StatusList says how its write went.
import type { ReferenceItem } from '../../../../shared/schemas/reference';
import { isConnectorError } from '../../errors';
import type { ReferencePushReport } from '../types';
import type { ConcurClient } from './client';
import type { WriteBudget } from './lists';
import { planVendors, type VendorOp } from './reference-diff';
import { vendorCollectionSchema, type ConcurVendor } from './reference-schemas';

export const VENDORS_PATH = '/api/v3.0/invoice/vendors';
/** Vendors per POST/PUT body. */
const CHUNK = 50;
const READ_LIMIT = 1000;

export async function readVendors(client: ConcurClient): Promise<ConcurVendor[]> {
  return client.getAllPages(`${VENDORS_PATH}?limit=${READ_LIMIT}`, vendorCollectionSchema.transform((c) => ({ Items: c.Items ?? [], NextPage: c.NextPage ?? null })), 'the Concur Invoice vendors');
}

const body = (op: VendorOp, addressCode: string) => ({
  VendorCode: op.code,
  AddressCode: op.op === 'create' ? addressCode : op.addressCode,
  VendorName: op.name,
  Approved: op.op === 'create' ? 'true' : String(op.approved),
});

/** A vendor's write failed when its StatusList says error/failure. */
function statusProblem(v: ConcurVendor): string | null {
  const bad = (v.StatusList ?? []).find((s) => /error|fail/i.test(s.Type ?? ''));
  return bad ? bad.Message || bad.Type || 'refused' : null;
}

export async function pushVendors(client: ConcurClient, suppliers: readonly ReferenceItem[], addressCode: string, budget: WriteBudget, report: ReferencePushReport): Promise<void> {
  const plan = planVendors(suppliers, await readVendors(client), addressCode);
  report.unchanged += plan.unchanged;
  report.sourceOnly.push(...plan.sourceOnly.map((v) => ({ kind: 'supplier' as const, ...v })));
  const groups: Array<{ method: 'POST' | 'PUT'; ops: VendorOp[] }> = [];
  for (const method of ['POST', 'PUT'] as const) {
    const ops = plan.ops.filter((o) => (o.op === 'create') === (method === 'POST'));
    for (let i = 0; i < ops.length; i += CHUNK) groups.push({ method, ops: ops.slice(i, i + CHUNK) });
  }
  for (const [gi, g] of groups.entries()) {
    const ops = g.ops.slice(0, Math.max(0, budget.left));
    report.deferred += g.ops.length - ops.length;
    if (ops.length === 0) continue;
    budget.left -= ops.length;
    let answer;
    try {
      answer = await client.write(g.method, VENDORS_PATH, { Vendor: ops.map((o) => body(o, addressCode)) }, vendorCollectionSchema, `${ops.length} Concur vendor${ops.length === 1 ? '' : 's'}`);
    } catch (e) {
      if (!isConnectorError(e) || e.code === 'AUTH_FAILED') throw e;
      report.failed.push(...ops.map((o) => ({ kind: 'supplier', code: o.code, reason: e.message })));
      if (e.uncertain || e.code === 'RATE_LIMITED') {
        report.deferred += groups.slice(gi + 1).reduce((n, x) => n + x.ops.length, 0);
        return;
      }
      continue;
    }
    const results = new Map((answer?.Vendor ?? answer?.Items ?? []).map((v) => [v.VendorCode ?? '', v]));
    for (const o of ops) {
      const r = results.get(o.code);
      const problem = r ? statusProblem(r) : null;
      if (problem) report.failed.push({ kind: 'supplier', code: o.code, reason: `SAP Concur refused vendor ${o.code}: ${problem}` });
      else if (o.op === 'create') report.created++;
      else if (o.change === 'deactivate') report.deactivated++;
      else report.updated++;
    }
  }
}
