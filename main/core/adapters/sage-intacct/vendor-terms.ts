// The vendors' payment terms (VENDOR.TERMNAME), read when bills are about to post so each bill's due date
// follows its vendor's terms in Intacct. One readByQuery per batch for the vendors not read yet, kept for the
// adapter's life (a run).
import { ConnectorError } from '../../errors';
import type { IntacctClient } from './client';
import { fieldOf } from './envelope';
import { errorsText } from './errors';
import { INTACCT_SYSTEM, type IntacctFunction } from './schemas';

const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** readByQuery of VENDORID / TERMNAME for some vendors (`in` is one of readByQuery's documented operators). */
export function vendorTermsQuery(vendorIds: readonly string[]): IntacctFunction {
  return { controlId: 'vendor-terms', body: { readByQuery: { object: 'VENDOR', fields: 'VENDORID,TERMNAME', query: `VENDORID IN (${vendorIds.map(quote).join(',')})`, pagesize: '1000', returnFormat: 'xml' } } };
}

export interface VendorTerms {
  /** TERMNAME per vendor ('' = none); a vendor Intacct does not know is absent. */
  resolve(vendorIds: readonly string[]): Promise<Map<string, string>>;
}

export function vendorTerms(client: IntacctClient): VendorTerms {
  const known = new Map<string, string>();
  const missing = new Set<string>();
  return {
    async resolve(vendorIds) {
      const todo = [...new Set(vendorIds)].filter((v) => v && !known.has(v) && !missing.has(v));
      for (let i = 0; i < todo.length; i += 500) {
        const part = todo.slice(i, i + 500);
        const [r] = (await client.run([vendorTermsQuery(part)], { write: false })).results;
        if (!r || r.status !== 'success') {
          throw new ConnectorError('REMOTE_PROTOCOL', `Sage Intacct could not read the payment terms of vendors ${part.join(', ')}: ${r ? errorsText(r.errors) || 'no reason given' : 'no result'}`, { system: INTACCT_SYSTEM, retryable: true });
        }
        for (const row of r.data?.rows ?? []) known.set(fieldOf(row, 'VENDORID'), fieldOf(row, 'TERMNAME'));
        for (const v of part) if (!known.has(v)) missing.add(v);
      }
      return new Map(vendorIds.filter((v) => known.has(v)).map((v) => [v, known.get(v)!]));
    },
  };
}
