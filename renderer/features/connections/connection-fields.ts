// The settings form, described as data: which field lives where in a ConnectionInput, plus a new-connection template.
import type { Connection, ConnectionInput } from '../../../shared/schemas/connection';

export interface Field {
  path: string;
  label: string;
  type?: 'text' | 'number' | 'url' | 'date' | 'time' | 'select' | 'list';
  options?: Array<[string, string]>;
  hint?: string;
  /** Only shown when this returns true for the draft. */
  when?: (d: ConnectionInput) => boolean;
}

export interface Section {
  title: string;
  fields: Field[];
}

export const SECTIONS: Section[] = [
  { title: 'General', fields: [{ path: 'id', label: 'Connection ID', hint: 'lowercase letters, digits and dashes; cannot change later' }, { path: 'name', label: 'Name' }] },
  {
    title: 'SAP Concur (source)',
    fields: [
      { path: 'source.tokenUrl', label: 'Token URL', type: 'url' },
      { path: 'source.clientId', label: 'Client ID' },
      { path: 'source.grant', label: 'Grant', type: 'select', options: [['password', 'User login (password)'], ['authtoken', 'Company request token']] },
      { path: 'source.username', label: 'Login ID or company UUID' },
      { path: 'source.startDate', label: 'Read reports changed since', type: 'date' },
    ],
  },
  {
    title: 'Sage X3 (target)',
    fields: [
      { path: 'target.serverUrl', label: 'Server URL', type: 'url' },
      { path: 'target.folder', label: 'Folder (endpoint)' },
      { path: 'target.poolAlias', label: 'Pool alias' },
      { path: 'target.username', label: 'User' },
      { path: 'target.postingMode', label: 'Post as', type: 'select', options: [['journal', 'Journal entry'], ['supplier_invoice', 'Supplier invoice']] },
      { path: 'target.company', label: 'Company' },
      { path: 'target.site', label: 'Site' },
      { path: 'target.journal', label: 'Journal' },
      { path: 'target.entryType', label: 'Entry type' },
    ],
  },
  {
    title: 'Posting rules',
    fields: [
      { path: 'rules.liabilityAccount', label: 'Employee liability account' },
      { path: 'rules.cardClearingAccount', label: 'Card clearing account' },
      { path: 'rules.dateRule', label: 'Posting date', type: 'select', options: [['document_date', 'Report date'], ['latest_expense_date', 'Latest expense date']] },
      { path: 'rules.requiredDimensions', label: 'Required dimensions', type: 'list', hint: 'comma-separated, e.g. costCenter' },
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

export function newConnectionTemplate(): ConnectionInput {
  return {
    id: '',
    name: '',
    source: { system: 'concur', tokenUrl: 'https://us2.api.concursolutions.com', clientId: '', grant: 'password', username: '', startDate: new Date().toISOString().slice(0, 10), pageSize: 100, dimensionFields: { costCenter: 'Custom1' }, companyPaidPaymentTypes: ['IBCP', 'CBCP'] },
    target: { system: 'sage-x3', serverUrl: 'https://', folder: '', poolAlias: '', language: 'ENG', username: '', postingMode: 'journal', company: '', site: '', journal: 'PUR', entryType: 'ODEXP' } as ConnectionInput['target'],
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
  if (path === 'schedule.mode') {
    const s = copy.schedule as Record<string, unknown>;
    copy.schedule = value === 'interval' ? { mode: 'interval', minutes: Number(s.minutes) || 60 } : value === 'daily' ? { mode: 'daily', at: typeof s.at === 'string' ? s.at : '06:00' } : { mode: 'manual' };
  }
  return copy as T;
}

const SYSTEM: Record<string, string> = { concur: 'Concur', expensify: 'Expensify', 'sage-x3': 'Sage X3' };
const SECRET_LABEL: Record<string, string> = { clientSecret: 'client secret', password: 'password', partnerUserSecret: 'partner user secret' };

export function secretLabel(name: string, c: Pick<ConnectionInput, 'source' | 'target'>): string {
  const [side, key = side] = name.includes('.') ? name.split('.') : ['', name];
  const system = side === 'source' ? SYSTEM[c.source.system] : side === 'target' ? SYSTEM[c.target.system] : '';
  return `${system ?? ''} ${SECRET_LABEL[key ?? ''] ?? key}`.trim();
}
