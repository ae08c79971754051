// List Item v4: reads the first-level items of a list page by page, then creates, renames and deletes
// (from that list only) what the pure plan says. Every write goes through the client's no-blind-retry path.
import type { ReferenceItem } from '../../../../shared/schemas/reference';
import { isConnectorError } from '../../errors';
import type { ReferencePushReport } from '../types';
import type { ConcurClient } from './client';
import { protocolError } from './errors';
import { planList, type ListOp } from './reference-diff';
import { listItemPageSchema, listItemSchema, type ListItem } from './reference-schemas';

export const LIST_ITEMS_PATH = '/list/v4/items';
const MAX_PAGES = 10_000;

const listPath = (listId: string) => `/list/v4/lists/${encodeURIComponent(listId)}`;

/** Every first-level item of a list that is not deleted. */
export async function readListItems(client: ConcurClient, listId: string): Promise<ListItem[]> {
  const out: ListItem[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const body = await client.getJson(`${listPath(listId)}/children?page=${page}&sortBy=shortCode`, listItemPageSchema, `list ${listId} (List v4)`);
    out.push(...(body.content ?? []));
    const total = body.page?.totalPages ?? 1;
    if (page >= total || (body.content ?? []).length === 0) return out;
  }
  throw protocolError(`list ${listId} (List v4)`, `more than ${MAX_PAGES} pages`);
}

/** Shared by every list and the vendors of one push: the cap on writes (Concur publishes no list limits). */
export interface WriteBudget {
  left: number;
}

async function apply(client: ConcurClient, listId: string, op: ListOp): Promise<void> {
  const what = `list item ${op.code} in Concur list ${listId}`;
  if (op.op === 'create') await client.write('POST', LIST_ITEMS_PATH, { listId, shortCode: op.code, value: op.value }, listItemSchema, what);
  else if (op.op === 'rename') await client.write('PUT', `${LIST_ITEMS_PATH}/${encodeURIComponent(op.id)}`, { shortCode: op.code, value: op.value }, listItemSchema, what);
  else await client.write('DELETE', `${listPath(listId)}/items/${encodeURIComponent(op.id)}`, undefined, null, what);
}

/** Brings one list in step with one dimension type; counts go into the shared report. */
export async function pushList(client: ConcurClient, dimensionType: string, listId: string, desired: readonly ReferenceItem[], budget: WriteBudget, report: ReferencePushReport): Promise<void> {
  let existing: ListItem[];
  try {
    existing = await readListItems(client, listId);
  } catch (e) {
    // A wrong list id must not stop the other lists and the vendors; it is reported.
    if (!isConnectorError(e) || e.code === 'AUTH_FAILED') throw e;
    report.failed.push({ kind: dimensionType, code: '*', reason: e.message });
    return;
  }
  const plan = planList(desired, existing);
  report.unchanged += plan.unchanged;
  report.skipped.push(...plan.skipped.map((s) => ({ kind: dimensionType, ...s })));
  for (const [i, op] of plan.ops.entries()) {
    if (budget.left <= 0) {
      report.deferred += plan.ops.length - i;
      return;
    }
    budget.left--;
    try {
      await apply(client, listId, op);
      report[op.op === 'create' ? 'created' : op.op === 'rename' ? 'updated' : 'deactivated']++;
    } catch (e) {
      if (!isConnectorError(e) || e.code === 'AUTH_FAILED') throw e;
      report.failed.push({ kind: dimensionType, code: op.code, reason: e.message });
      // An uncertain write may have landed: stop this list; the next push re-reads it first.
      if (e.uncertain || e.code === 'RATE_LIMITED') {
        report.deferred += plan.ops.length - i - 1;
        return;
      }
    }
  }
}
