// Which GL account an expense line (or one allocation share of it) is debited to, per the connection's
// account source: the product's expense-type mapping, the account the source's own accounting configuration
// assigned (Concur journalAccountCode / cash advance accountCode), or the source's with the mapping as
// fallback. Cash-advance issuance lines go to the cash-advance clearing account. Pure; every account chosen
// here is still validated against the ERP's chart like any mapping (validate.ts).
import type { PostingRules } from '../../../shared/schemas/connection';
import type { SourceLine } from '../../../shared/schemas/document';
import type { HoldReason } from '../../../shared/schemas/posting';
import type { MappingLookup } from './mapping-lookup';

export type AccountSource = NonNullable<PostingRules['accountSource']>;
/** Where the account of a plan line came from, shown in the dry run. */
export type AccountOrigin = 'mapping' | 'source' | 'rule';

export interface LineAccount {
  /** Account per allocation share (same order as the line's allocations; one entry when it has none). */
  accounts: Array<{ account: string; origin: AccountOrigin }>;
  /** The mapping's dimensions for the expense type (empty when the mapping has none). */
  dimensions: Record<string, string>;
}

const ORIGIN_TEXT: Record<AccountOrigin, string> = { mapping: 'the expense-type mapping', source: "the source's journal", rule: 'the connection rule' };
export const originText = (o: AccountOrigin): string => ORIGIN_TEXT[o];

/** The mapping's answer for a line: the cash-advance rule account first for issuance lines, else the expense type's. */
function mapped(line: SourceLine, rules: PostingRules, lookup: MappingLookup): { account: string; origin: AccountOrigin } | null {
  if (line.role === 'cash_advance' && rules.cashAdvanceAccount) return { account: rules.cashAdvanceAccount, origin: 'rule' };
  const t = lookup.expenseType(line.expenseType.code);
  return t ? { account: t.account, origin: 'mapping' } : null;
}

export function lineAccount(line: SourceLine, rules: PostingRules, lookup: MappingLookup, shares: ReadonlyArray<{ sourceAccount?: string }>): LineAccount | HoldReason {
  const source: AccountSource = rules.accountSource ?? 'mapping';
  const dimensions = lookup.expenseType(line.expenseType.code)?.dimensions ?? {};
  const typeLabel = `"${line.expenseType.code}"${line.expenseType.name ? ` (${line.expenseType.name})` : ''}`;
  const fromMapping = mapped(line, rules, lookup);
  const parts = shares.length ? shares : [{}];
  const accounts: LineAccount['accounts'] = [];
  for (const share of parts) {
    const own = share.sourceAccount ?? line.sourceAccount;
    if (source !== 'mapping' && own) accounts.push({ account: own, origin: 'source' });
    else if (source !== 'source' && fromMapping) accounts.push(fromMapping);
    else if (source === 'source') {
      return {
        code: 'ACCOUNT_UNKNOWN',
        message: `Line ${line.lineId} (${typeLabel}): the source's journal carries no GL account and the connection takes accounts from the source only; set the account in Concur's accounting configuration, or let the connection fall back to the mapping`,
        subject: line.expenseType.code,
        lineId: line.lineId,
      };
    } else {
      const what = line.role === 'cash_advance' ? `Cash advance ${line.lineId}: set the connection's cash-advance clearing account or map expense type ${typeLabel}` : `Expense type ${typeLabel} has no GL account mapped`;
      return { code: 'NEEDS_MAPPING', message: what, subject: line.expenseType.code, lineId: line.lineId };
    }
  }
  return { accounts, dimensions };
}
