// Where to fix a hold: the mappings row (or the rows using a value) the reason points at.
import type { HoldReason } from '../../../shared/schemas/posting';
import { href } from '../../app/route';

export function fixLink(r: HoldReason): { href: string; label: string } | null {
  const subject = r.subject ?? '';
  if (!subject) return null;
  switch (r.code) {
    case 'NEEDS_MAPPING':
    case 'DIMENSION_MISSING':
      return { href: href('mappings', { kind: 'expense_type', q: subject }), label: `Map expense type ${subject}` };
    case 'ACCOUNT_UNKNOWN':
    case 'ACCOUNT_INACTIVE':
      return { href: href('mappings', { kind: 'expense_type', q: subject }), label: `Fix mappings using account ${subject}` };
    case 'DIMENSION_UNKNOWN':
    case 'DIMENSION_INACTIVE': {
      const value = subject.includes(':') ? subject.slice(subject.indexOf(':') + 1) : subject;
      return { href: href('mappings', { kind: 'expense_type', q: value }), label: `Fix mappings using ${value}` };
    }
    case 'EMPLOYEE_UNMAPPED':
    case 'PARTNER_UNKNOWN':
    case 'PARTNER_INACTIVE':
      return { href: href('mappings', { kind: 'employee', q: subject }), label: `Fix employee mapping (${subject})` };
    default:
      return null;
  }
}

export const REASON_LABEL: Record<string, string> = {
  NEEDS_MAPPING: 'Expense type not mapped',
  EMPLOYEE_UNMAPPED: 'Employee not mapped',
  ACCOUNT_UNKNOWN: 'Unknown GL account',
  ACCOUNT_INACTIVE: 'Inactive GL account',
  DIMENSION_MISSING: 'Missing cost center',
  DIMENSION_UNKNOWN: 'Unknown dimension value',
  DIMENSION_INACTIVE: 'Inactive dimension value',
  PARTNER_UNKNOWN: 'Unknown supplier',
  PARTNER_INACTIVE: 'Inactive supplier',
  INVALID_AMOUNT: 'Invalid amount',
  INVALID_CURRENCY: 'Invalid currency',
  CURRENCY_MISMATCH: 'Currency mismatch',
  ZERO_AMOUNT: 'Zero amount',
  INVALID_DATE: 'Invalid date',
  PERIOD_CLOSED: 'Period closed',
  ALLOCATION_INVALID: 'Invalid allocation',
  EMPTY_DOCUMENT: 'Nothing to post',
  UNBALANCED: 'Does not balance',
  DUPLICATE_SOURCE: 'Duplicate document',
  ERP_REJECTED: 'Rejected by the ERP',
  FAILED_RETRY_LATER: 'Failed, will retry',
  SOURCE_INVALID: 'Invalid source data',
  UNSUPPORTED_DOCUMENT: 'Not a document to post',
};
