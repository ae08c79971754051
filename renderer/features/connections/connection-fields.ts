// The settings form, described as data: which field lives where in a ConnectionInput, plus a new-connection template.
import type { Connection, ConnectionInput } from '../../../shared/schemas/connection';

export interface Field {
  path: string;
  label: string;
  type?: 'text' | 'number' | 'url' | 'date' | 'time' | 'select' | 'list' | 'boolean';
  options?: Array<[string, string]>;
  hint?: string;
  /** Only shown when this returns true for the draft. */
  when?: (d: ConnectionInput) => boolean;
}

export interface Section {
  title: string;
  fields: Field[];
}

const isSource = (system: string) => (d: ConnectionInput) => d.source.system === system;
const isTarget = (system: string) => (d: ConnectionInput) => d.target.system === system;
const isConcurFis = (d: ConnectionInput) => d.source.system === 'concur' && d.source.mode === 'fis';

export const SECTIONS: Section[] = [
  { title: 'General', fields: [{ path: 'id', label: 'Connection ID', hint: 'lowercase letters, digits and dashes; cannot change later' }, { path: 'name', label: 'Name' }] },
  {
    title: 'Source',
    fields: [
      { path: 'source.system', label: 'System', type: 'select', options: [['concur', 'SAP Concur'], ['expensify', 'Expensify']] },
      { path: 'source.tokenUrl', label: 'Token URL', type: 'url', when: isSource('concur') },
      { path: 'source.clientId', label: 'Client ID', when: isSource('concur') },
      { path: 'source.grant', label: 'Grant', type: 'select', options: [['password', 'User login (password)'], ['authtoken', 'Company request token']], when: isSource('concur') },
      { path: 'source.username', label: 'Login ID or company UUID', when: isSource('concur') },
      { path: 'source.mode', label: 'Read from', type: 'select', options: [['reports', 'Expense reports (and invoices)'], ['fis', 'Financial Integration Service']], hint: 'FIS needs the company request token grant', when: isSource('concur') },
      { path: 'source.fisDocTypes', label: 'FIS document types', type: 'list', hint: 'expense, invoice, cashadvance, payroll', when: isConcurFis },
      { path: 'source.systemId', label: 'ERP name at Concur (system ID)', hint: 'up to 50 characters, sent with acknowledgements and confirmations', when: isConcurFis },
      { path: 'source.erpCompanyCode', label: 'ERP company code', hint: 'reported to Concur with each posting confirmation', when: isConcurFis },
      { path: 'source.includeInvoices', label: 'Also read approved invoices', type: 'boolean', when: (d) => d.source.system === 'concur' && !isConcurFis(d) },
      { path: 'source.startDate', label: 'Read documents changed since', type: 'date' },
      { path: 'source.baseUrl', label: 'Integration Server URL', type: 'url', when: isSource('expensify') },
      { path: 'source.partnerUserId', label: 'Partner user ID', when: isSource('expensify') },
      { path: 'source.reportStates', label: 'Report states', hint: 'e.g. APPROVED,REIMBURSED', when: isSource('expensify') },
      { path: 'source.policyIds', label: 'Policy IDs', type: 'list', hint: 'comma-separated; empty = all', when: isSource('expensify') },
      { path: 'source.exportLabel', label: 'Export label', hint: 'stamped on reports once posted', when: isSource('expensify') },
    ],
  },
  {
    title: 'Target',
    fields: [
      { path: 'target.system', label: 'System', type: 'select', options: [['sage-x3', 'Sage X3'], ['sage-intacct', 'Sage Intacct']] },
      { path: 'target.serverUrl', label: 'Server URL', type: 'url', when: isTarget('sage-x3') },
      { path: 'target.folder', label: 'Folder (endpoint)', when: isTarget('sage-x3') },
      { path: 'target.poolAlias', label: 'Pool alias', when: isTarget('sage-x3') },
      { path: 'target.username', label: 'User', when: isTarget('sage-x3') },
      { path: 'target.postingMode', label: 'Post as', type: 'select', options: [['journal', 'Journal entry'], ['supplier_invoice', 'Supplier invoice']], when: isTarget('sage-x3') },
      { path: 'target.company', label: 'Company', when: isTarget('sage-x3') },
      { path: 'target.site', label: 'Site', when: isTarget('sage-x3') },
      { path: 'target.journal', label: 'Journal', when: (d) => d.target.system === 'sage-x3' || d.target.system === 'sage-intacct' },
      { path: 'target.entryType', label: 'Entry type', when: isTarget('sage-x3') },
      { path: 'target.endpointUrl', label: 'XML gateway URL', type: 'url', when: isTarget('sage-intacct') },
      { path: 'target.senderId', label: 'Web Services sender ID', when: isTarget('sage-intacct') },
      { path: 'target.companyId', label: 'Company ID', when: isTarget('sage-intacct') },
      { path: 'target.userId', label: 'User ID', when: isTarget('sage-intacct') },
      { path: 'target.locationId', label: 'Entity (location ID)', hint: 'empty = top level', when: isTarget('sage-intacct') },
      { path: 'target.postingMode', label: 'Post as', type: 'select', options: [['journal', 'Journal entry (GLBATCH)'], ['ap_bill', 'AP bill']], when: isTarget('sage-intacct') },
      { path: 'target.baseCurrency', label: 'Base currency', when: isTarget('sage-intacct') },
    ],
  },
  {
    title: 'Posting rules',
    fields: [
      { path: 'rules.liabilityAccount', label: 'Employee liability account' },
      { path: 'rules.cardClearingAccount', label: 'Card clearing account' },
      { path: 'rules.dateRule', label: 'Posting date', type: 'select', options: [['document_date', 'Report date'], ['latest_expense_date', 'Latest expense date']] },
      { path: 'rules.requiredDimensions', label: 'Required dimensions', type: 'list', hint: 'comma-separated, e.g. costCenter (X3) or department, location (Intacct)' },
    ],
  },
  {
    title: 'Schedule',
    fields: [
      { path: 'schedule.mode', label: 'Sync', type: 'select', options: [['manual', 'Only when I click Sync now'], ['interval', 'Every few minutes'], ['daily', 'Once a day']] },
      { path: 'schedule.minutes', label: 'Every (minutes)', type: 'number', when: (d) => d.schedule.mode === 'interval' },
      { path: 'schedule.at', label: 'At (local time)', type: 'time', when: (d) => d.schedule.mode === 'daily' },
    ],
  },
];

const today = () => new Date().toISOString().slice(0, 10);

/** A fresh settings object for a system, used when the user picks another source or target. */
export function sourceTemplate(system: string): ConnectionInput['source'] {
  if (system === 'expensify') {
    return { system: 'expensify', baseUrl: 'https://integrations.expensify.com', partnerUserId: '', startDate: today(), endDate: null, reportStates: 'APPROVED,REIMBURSED', policyIds: [], exportLabel: 'ml-connector', tagDimension: { tag: 'costCenter' }, rateLimits: [{ requests: 5, windowMs: 10_000 }, { requests: 20, windowMs: 60_000 }] } as ConnectionInput['source'];
  }
  return { system: 'concur', tokenUrl: 'https://us2.api.concursolutions.com', clientId: '', grant: 'password', username: '', startDate: today(), pageSize: 100, dimensionFields: { costCenter: 'Custom1' }, companyPaidPaymentTypes: ['IBCP', 'CBCP'], mode: 'reports' } as ConnectionInput['source'];
}

export function targetTemplate(system: string): ConnectionInput['target'] {
  if (system === 'sage-intacct') {
    return { system: 'sage-intacct', endpointUrl: 'https://api.intacct.com/ia/xml/xmlgw.phtml', senderId: '', companyId: '', userId: '', locationId: '', postingMode: 'journal', journal: 'GJ', baseCurrency: 'USD' } as ConnectionInput['target'];
  }
  return { system: 'sage-x3', serverUrl: 'https://', folder: '', poolAlias: '', language: 'ENG', username: '', postingMode: 'journal', company: '', site: '', journal: 'PUR', entryType: 'ODEXP' } as ConnectionInput['target'];
}

export function newConnectionTemplate(): ConnectionInput {
  return {
    id: '',
    name: '',
    source: sourceTemplate('concur'),
    target: targetTemplate('sage-x3'),
    rules: { liabilityAccount: '', cardClearingAccount: '', personalLines: 'exclude', dateRule: 'document_date', requiredDimensions: ['costCenter'], postingModes: { invoice: 'supplier_invoice' }, maxDescriptionLength: 250 },
    schedule: { mode: 'manual' },
    retry: { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 60_000, pauseAfterAuthFailures: 3 },
    concurrency: 4,
  };
}

/** The editable part of a stored connection (status, secret names and timestamps are not sent back). */
export function toDraft(c: Connection): ConnectionInput {
  const { status: _s, pausedReason: _p, secretNames: _n, createdAt: _c, updatedAt: _u, ...input } = c;
  return structuredClone(input);
}

export function getPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

export function setPath<T>(obj: T, path: string, value: unknown): T {
  const copy = structuredClone(obj) as Record<string, unknown>;
  const keys = path.split('.');
  let o = copy;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[keys[keys.length - 1]!] = value;
  // Another system means other settings: start from that system's template, keeping nothing stale.
  if (path === 'source.system') copy.source = sourceTemplate(String(value));
  if (path === 'target.system') {
    copy.target = targetTemplate(String(value));
    const rules = copy.rules as { requiredDimensions: string[] };
    rules.requiredDimensions = value === 'sage-intacct' ? ['department'] : ['costCenter'];
  }
  if (path === 'schedule.mode') {
    const s = copy.schedule as Record<string, unknown>;
    copy.schedule = value === 'interval' ? { mode: 'interval', minutes: Number(s.minutes) || 60 } : value === 'daily' ? { mode: 'daily', at: typeof s.at === 'string' ? s.at : '06:00' } : { mode: 'manual' };
  }
  return copy as T;
}

const SYSTEM: Record<string, string> = { concur: 'Concur', expensify: 'Expensify', 'sage-x3': 'Sage X3', 'sage-intacct': 'Sage Intacct' };
const SECRET_LABEL: Record<string, string> = { clientSecret: 'client secret', password: 'password', partnerUserSecret: 'partner user secret', senderPassword: 'sender password', userPassword: 'user password' };

export function secretLabel(name: string, c: Pick<ConnectionInput, 'source' | 'target'>): string {
  const [side, key = side] = name.includes('.') ? name.split('.') : ['', name];
  const system = side === 'source' ? SYSTEM[c.source.system] : side === 'target' ? SYSTEM[c.target.system] : '';
  return `${system ?? ''} ${SECRET_LABEL[key ?? ''] ?? key}`.trim();
}
