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
    case 'TAX_UNMAPPED':
      return { href: href('mappings', { kind: 'tax_code', q: subject }), label: `Map tax code ${subject}` };
    default:
      return null;
  }
}

export { REASON_LABEL } from './reason-labels';
