// Keyset paging for SuiteQL: offsets stop at NetSuite's 100,000-row window, so a table is read as
// `… WHERE id > <last id> ORDER BY id`, every query from offset 0, until a short or final page.
import { ConnectorError } from '../../errors';
import { NETSUITE_SYSTEM, type SuiteqlPage } from './schemas';

export type SuiteqlRows = Array<Record<string, unknown>>;

/** Internal ids are integers; anything else cannot be placed after `id >` in a query. */
const INTERNAL_ID = /^-?\d+$/;

const idOf = (row: Record<string, unknown>): string | null => {
  const v = typeof row.id === 'number' ? String(row.id) : typeof row.id === 'string' ? row.id.trim() : '';
  return INTERNAL_ID.test(v) ? v : null;
};

const protocol = (message: string) => new ConnectorError('REMOTE_PROTOCOL', message, { system: NETSUITE_SYSTEM, retryable: false });

/**
 * Every row of `query(null)`, then of `query(lastId)` page after page. Ids must rise strictly across pages:
 * otherwise the next query would repeat rows or never end.
 */
export async function* keysetPages(fetchFirstPage: (q: string) => Promise<SuiteqlPage>, query: (afterId: string | null) => string, limit: number): AsyncGenerator<SuiteqlRows> {
  let after: bigint | null = null;
  for (;;) {
    const q = query(after === null ? null : String(after));
    const page = await fetchFirstPage(q);
    for (const row of page.items) {
      const id = idOf(row);
      if (id === null) throw protocol(`NetSuite answered "${q}" with a row without a numeric internal id`);
      if (after !== null && BigInt(id) <= after) throw protocol(`NetSuite answered "${q}" with id ${id}, not after ${after}: rows are not in id order`);
      after = BigInt(id);
    }
    if (page.items.length) yield page.items;
    if (!page.hasMore || page.items.length < limit) return;
  }
}
