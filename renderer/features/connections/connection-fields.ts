// The settings form, described as data: which field lives where in a ConnectionInput, plus a new-connection template.
import type { Connection, ConnectionInput } from '../../../shared/schemas/connection';
import { systemLabel } from '../../../shared/schemas/document';
import { ACUMATICA_KNOWN_VERSIONS } from '../../../shared/schemas/systems/acumatica';
import { closedPeriodRule } from '../../../shared/schemas/period';

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
      { path: 'source.companyUuid', label: 'Concur company UUID', hint: 'part of every ERP reference, so every install and every colleague finds what was posted; shown in Concur App Center', when: (d) => d.source.system === 'concur' && d.source.grant !== 'authtoken' },
      { path: 'source.mode', label: 'Read from', type: 'select', options: [['reports', 'Expense reports (and invoices)'], ['fis', 'Financial Integration Service']], hint: 'FIS needs the company request token grant', when: isSource('concur') },
      { path: 'source.fisDocTypes', label: 'FIS document types', type: 'list', hint: 'expense, invoice, cashadvance, payroll', when: isConcurFis },
      { path: 'source.systemId', label: 'ERP name at Concur (system ID)', hint: 'up to 50 characters, sent with acknowledgements and confirmations', when: isConcurFis },
      { path: 'source.erpCompanyCode', label: 'ERP company code', hint: 'reported to Concur with each posting confirmation', when: isConcurFis },
      { path: 'source.includeInvoices', label: 'Also read approved invoices', type: 'boolean', when: (d) => d.source.system === 'concur' && !isConcurFis(d) },
      { path: 'source.startDate', label: 'Read documents changed since', type: 'date' },
      { path: 'source.referenceLists.department', label: 'Concur list for departments', hint: 'List v4 id; ERP departments are pushed to it daily (empty = not pushed)', when: (d) => d.source.system === 'concur' && d.target.system !== 'sage-x3' },
      { path: 'source.referenceLists.location', label: 'Concur list for locations', hint: 'List v4 id (empty = not pushed)', when: (d) => d.source.system === 'concur' && d.target.system !== 'sage-x3' },
      { path: 'source.referenceLists.costCenter', label: 'Concur list for cost centers', hint: 'List v4 id (empty = not pushed)', when: (d) => d.source.system === 'concur' && d.target.system === 'sage-x3' },
      { path: 'source.pushVendors', label: 'Keep Concur Invoice vendors in step with ERP suppliers', type: 'boolean', when: isSource('concur') },
      { path: 'source.vendorAddressCode', label: 'Vendor address code', hint: 'address code of the vendor records the connector manages', when: (d) => d.source.system === 'concur' && d.source.pushVendors === true },
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
      { path: 'target.system', label: 'System', type: 'select', options: [['sage-x3', 'Sage X3'], ['sage-intacct', 'Sage Intacct'], ['netsuite', 'Oracle NetSuite'], ['acumatica', 'Acumatica']] },
      { path: 'target.serverUrl', label: 'Server URL', type: 'url', when: isTarget('sage-x3') },
      { path: 'target.folder', label: 'Folder (endpoint)', when: isTarget('sage-x3') },
      { path: 'target.poolAlias', label: 'Pool alias', when: isTarget('sage-x3') },
      { path: 'target.username', label: 'User', when: isTarget('sage-x3') },
      { path: 'target.postingMode', label: 'Post as', type: 'select', options: [['journal', 'Journal entry'], ['supplier_invoice', 'Supplier invoice']], when: isTarget('sage-x3') },
      { path: 'target.company', label: 'Company', when: isTarget('sage-x3') },
      { path: 'target.site', label: 'Site', when: isTarget('sage-x3') },
      { path: 'target.journal', label: 'Journal', when: (d) => d.target.system === 'sage-x3' || d.target.system === 'sage-intacct' },
      { path: 'target.entryType', label: 'Entry type', when: isTarget('sage-x3') },
      { path: 'target.journalPublicName', label: 'Journal web service (GESAWE public name)', when: isTarget('sage-x3') },
      { path: 'target.supplierInvoicePublicName', label: 'Supplier invoice web service', when: isTarget('sage-x3') },
      { path: 'target.dimensionTypes', label: 'Dimension types', type: 'list', hint: 'name=X3 type in ledger order, e.g. costCenter=CCT, department=DEP, project=PRJ', when: isTarget('sage-x3') },
      { path: 'target.authMode', label: 'Sign-in (SOAP and api1)', type: 'select', options: [['basic', 'User and password'], ['oauth2', 'OAuth2 bearer'], ['connectedApp', 'Connected application (JWT)']], when: isTarget('sage-x3') },
      { path: 'target.tokenUrl', label: 'OAuth2 token URL', type: 'url', when: (d) => d.target.system === 'sage-x3' && d.target.authMode === 'oauth2' },
      { path: 'target.clientId', label: 'OAuth2 client ID', when: (d) => d.target.system === 'sage-x3' && d.target.authMode === 'oauth2' },
      { path: 'target.scope', label: 'OAuth2 scope', when: (d) => d.target.system === 'sage-x3' && d.target.authMode === 'oauth2' },
      { path: 'target.reads', label: 'Read reference data via', type: 'select', options: [['api1', 'REST api1'], ['graphql', 'GraphQL']], when: isTarget('sage-x3') },
      { path: 'target.graphqlAuth', label: 'GraphQL sign-in', type: 'select', options: [['connectedApp', 'Connected application (self-hosted)'], ['x3Services', 'Sage X3 Services (cloud)']], when: (d) => d.target.system === 'sage-x3' && d.target.reads === 'graphql' },
      { path: 'target.appClientId', label: 'Connected application client ID', when: (d) => d.target.system === 'sage-x3' && (d.target.authMode === 'connectedApp' || (d.target.reads === 'graphql' && d.target.graphqlAuth === 'connectedApp')) },
      { path: 'target.graphqlUrl', label: 'GraphQL URL', type: 'url', hint: 'empty = <server URL>/xtrem/api; X3 Services: the folder URL from /v1/folders', when: (d) => d.target.system === 'sage-x3' && d.target.reads === 'graphql' },
      { path: 'target.servicesApiUrl', label: 'X3 Services API URL', type: 'url', hint: 'e.g. https://api.eu-sagex3.com/v1', when: (d) => d.target.system === 'sage-x3' && d.target.reads === 'graphql' && d.target.graphqlAuth === 'x3Services' },
      { path: 'target.servicesClientId', label: 'X3 Services client ID', when: (d) => d.target.system === 'sage-x3' && d.target.reads === 'graphql' && d.target.graphqlAuth === 'x3Services' },
      { path: 'target.servicesRedirectUri', label: 'X3 Services redirect URI', type: 'url', when: (d) => d.target.system === 'sage-x3' && d.target.reads === 'graphql' && d.target.graphqlAuth === 'x3Services' },
      { path: 'target.endpointUrl', label: 'XML gateway URL', type: 'url', when: isTarget('sage-intacct') },
      { path: 'target.senderId', label: 'Web Services sender ID', when: isTarget('sage-intacct') },
      { path: 'target.companyId', label: 'Company ID', when: isTarget('sage-intacct') },
      { path: 'target.userId', label: 'User ID', when: isTarget('sage-intacct') },
      { path: 'target.locationId', label: 'Entity (location ID)', hint: 'empty = top level', when: isTarget('sage-intacct') },
      { path: 'target.postingMode', label: 'Post as', type: 'select', options: [['journal', 'Journal entry (GLBATCH)'], ['ap_bill', 'AP bill']], when: isTarget('sage-intacct') },
      { path: 'target.baseCurrency', label: 'Base currency', when: isTarget('sage-intacct') },
      { path: 'target.batchTransaction', label: 'Batches all-or-nothing (transaction)', type: 'boolean', hint: 'a refused document aborts its batch; the others are re-sent one by one', when: isTarget('sage-intacct') },
      { path: 'target.createMissingPartners', label: 'Create missing vendors/employees in Intacct', type: 'boolean', hint: 'off: they are only reported; each creation is in the audit trail', when: isTarget('sage-intacct') },
      { path: 'target.accountId', label: 'Account ID', hint: 'e.g. 1234567 or 1234567_SB1 (sandbox); decides the host', when: isTarget('netsuite') },
      { path: 'target.restUrl', label: 'REST URL override', type: 'url', hint: 'empty = https://<account>.suitetalk.api.netsuite.com/services/rest', when: isTarget('netsuite') },
      { path: 'target.auth', label: 'Sign-in', type: 'select', options: [['oauth2', 'OAuth 2.0 client credentials (certificate)'], ['tba', 'Token-based authentication (legacy)']], when: isTarget('netsuite') },
      { path: 'target.clientId', label: 'Integration client ID', when: (d) => d.target.system === 'netsuite' && d.target.auth !== 'tba' },
      { path: 'target.certificateId', label: 'Certificate ID', when: (d) => d.target.system === 'netsuite' && d.target.auth !== 'tba' },
      { path: 'target.certificateValidUntil', label: 'Certificate valid until', type: 'date', hint: 'warned about 30 days ahead', when: (d) => d.target.system === 'netsuite' && d.target.auth !== 'tba' },
      { path: 'target.consumerKey', label: 'Consumer key', hint: 'token-based authentication; with OAuth 2.0 only to attach receipts (file uploads exist only in SOAP, which refuses OAuth 2.0)', when: isTarget('netsuite') },
      { path: 'target.tokenId', label: 'Token ID', when: isTarget('netsuite') },
      { path: 'target.receiptFolderId', label: 'Receipt folder (internal ID)', hint: 'File Cabinet folder receipts are uploaded to; empty = receipts are not attached', when: isTarget('netsuite') },
      { path: 'target.subsidiary', label: 'Subsidiary (internal ID)', hint: 'empty without OneWorld', when: isTarget('netsuite') },
      { path: 'target.postingMode', label: 'Post as', type: 'select', options: [['journal', 'Journal entry'], ['supplier_invoice', 'Vendor bill']], when: isTarget('netsuite') },
      { path: 'target.concurrencyLimit', label: 'Concurrent requests', type: 'number', hint: "this connection's share of the account's concurrency limit", when: isTarget('netsuite') },
      { path: 'target.siteUrl', label: 'Site URL', type: 'url', hint: 'the instance root, e.g. https://acme.acumatica.com or https://erp.example.com/AcumaticaERP', when: isTarget('acumatica') },
      { path: 'target.endpointName', label: 'Endpoint name', hint: 'Default, or your extended endpoint', when: isTarget('acumatica') },
      { path: 'target.endpointVersion', label: 'Endpoint version', hint: `e.g. ${ACUMATICA_KNOWN_VERSIONS.join(', ')}; "Find versions" asks the instance which it offers`, when: isTarget('acumatica') },
      { path: 'target.tenant', label: 'Tenant', hint: 'empty on single-tenant sites', when: isTarget('acumatica') },
      { path: 'target.branch', label: 'Branch', hint: 'signed in to; used on lines without a mapped branch', when: isTarget('acumatica') },
      { path: 'target.auth', label: 'Sign-in', type: 'select', options: [['cookie', 'User and password (session, always signed out)'], ['oauth_password', 'OAuth 2.0 password grant'], ['oauth_code', 'OAuth 2.0 authorization code (refresh token)']], when: isTarget('acumatica') },
      { path: 'target.username', label: 'API user', when: (d) => d.target.system === 'acumatica' && d.target.auth !== 'oauth_code' },
      { path: 'target.clientId', label: 'Connected application client ID', hint: '<GUID>@<Tenant>, from form SM303010', when: (d) => d.target.system === 'acumatica' && d.target.auth !== 'cookie' },
      { path: 'target.postingMode', label: 'Post as', type: 'select', options: [['ap_bill', 'AP bill (VendorRef = key)'], ['journal', 'GL journal transaction']], when: isTarget('acumatica') },
      { path: 'target.releaseBills', label: 'Release bills after creating them', type: 'boolean', when: isTarget('acumatica') },
      { path: 'target.defaultSubaccount', label: 'Default subaccount', hint: 'for balancing lines; empty = Acumatica default', when: isTarget('acumatica') },
      { path: 'target.maxConcurrentRequests', label: 'Concurrent requests', type: 'number', hint: 'keep within the licence (1-2 without api:concurrent_access)', when: isTarget('acumatica') },
    ],
  },
  {
    title: 'Posting rules',
    fields: [
      { path: 'rules.liabilityAccount', label: 'Employee liability account' },
      { path: 'rules.cardClearingAccount', label: 'Card clearing account' },
      { path: 'rules.payablesAccount', label: 'Supplier payables account', hint: 'credited, with the vendor as partner, when invoices post as journals (posting modes); empty = such invoices are held' },
      { path: 'rules.cashAdvanceAccount', label: 'Cash-advance clearing account', hint: 'credited when a report applies a cash advance; empty = the account mapped to expense type CASHADV' },
      { path: 'rules.accountSource', label: 'Expense GL account from', type: 'select', options: [['mapping', 'The expense-type mapping'], ['source', "Concur's journal account codes"], ['source_then_mapping', "Concur's codes, else the mapping"]], hint: 'every account is checked against the ERP; the dry run says which source each line used', when: isSource('concur') },
      { path: 'rules.dateRule', label: 'Posting date', type: 'select', options: [['document_date', 'Report date'], ['latest_expense_date', 'Latest expense date']] },
      { path: 'rules.closedPeriod', label: 'Dated in a closed period', type: 'select', options: [['hold', 'Hold as "period closed" (re-date it in Held)'], ['next_open_period', 'Post on the 1st day of the next open period, original date in the description']], hint: 'period status is read from the ERP with its reference data; the ERP refusing a closed period is the same' },
      { path: 'rules.requiredDimensions', label: 'Required dimensions', type: 'list', hint: 'comma-separated, e.g. costCenter (X3) or department, location (Intacct)' },
    ],
  },
  {
    title: 'Schedule',
    fields: [
      { path: 'schedule.mode', label: 'Sync', type: 'select', options: [['manual', 'Only when I click Sync now'], ['interval', 'Every few minutes'], ['daily', 'Once a day'], ['window', 'Every few minutes in an off-peak window']], hint: '"Sync now" always runs at once, whatever the schedule' },
      { path: 'schedule.minutes', label: 'Every (minutes)', type: 'number', when: (d) => d.schedule.mode === 'interval' || d.schedule.mode === 'window' },
      { path: 'schedule.at', label: 'At (local time)', type: 'time', when: (d) => d.schedule.mode === 'daily' },
      { path: 'schedule.from', label: 'Window opens (local time)', type: 'time', hint: 'scheduled syncs post only inside the window; it may run past midnight (22:00 to 06:00)', when: (d) => d.schedule.mode === 'window' },
      { path: 'schedule.to', label: 'Window closes (local time)', type: 'time', hint: 'what is still waiting when it closes posts in the next window; "Sync now" posts at any time', when: (d) => d.schedule.mode === 'window' },
    ],
  },
];

const today = () => new Date().toISOString().slice(0, 10);

/** A fresh settings object for a system, used when the user picks another source or target. */
export function sourceTemplate(system: string): ConnectionInput['source'] {
  if (system === 'expensify') {
    return { system: 'expensify', baseUrl: 'https://integrations.expensify.com', partnerUserId: '', startDate: today(), endDate: null, reportStates: 'APPROVED,REIMBURSED', policyIds: [], exportLabel: 'ml-connector', tagDimension: { tag: 'costCenter' }, rateLimits: [{ requests: 5, windowMs: 10_000 }, { requests: 20, windowMs: 60_000 }] } as ConnectionInput['source'];
  }
  return { system: 'concur', tokenUrl: 'https://us2.api.concursolutions.com', clientId: '', grant: 'password', username: '', startDate: today(), pageSize: 100, dimensionFields: { costCenter: 'Custom1' }, companyPaidPaymentTypes: ['IBCP', 'CBCP'], mode: 'reports', referenceLists: {}, pushVendors: false } as ConnectionInput['source'];
}

export function targetTemplate(system: string): ConnectionInput['target'] {
  if (system === 'acumatica') {
    return { system: 'acumatica', siteUrl: 'https://', endpointName: 'Default', endpointVersion: '23.200.001', tenant: '', branch: '', auth: 'cookie', username: '', clientId: '', postingMode: 'ap_bill', releaseBills: false, defaultSubaccount: '', maxConcurrentRequests: 2 } as ConnectionInput['target'];
  }
  if (system === 'netsuite') {
    return { system: 'netsuite', accountId: '', restUrl: null, auth: 'oauth2', clientId: '', certificateId: '', certificateValidUntil: null, subsidiary: '', postingMode: 'journal', concurrencyLimit: 2 } as ConnectionInput['target'];
  }
  if (system === 'sage-intacct') {
    return { system: 'sage-intacct', endpointUrl: 'https://api.intacct.com/ia/xml/xmlgw.phtml', senderId: '', companyId: '', userId: '', locationId: '', postingMode: 'journal', journal: 'GJ', baseCurrency: 'USD', closedPeriod: 'hold', batchTransaction: false, createMissingPartners: false } as ConnectionInput['target'];
  }
  return { system: 'sage-x3', serverUrl: 'https://', folder: '', poolAlias: '', language: 'ENG', username: '', postingMode: 'journal', company: '', site: '', journal: 'PUR', entryType: 'ODEXP', journalPublicName: 'YGAS', supplierInvoicePublicName: 'YBIS', dimensionTypes: ['costCenter=CCT'], authMode: 'basic', reads: 'api1', graphqlAuth: 'connectedApp' } as ConnectionInput['target'];
}

export function newConnectionTemplate(): ConnectionInput {
  return {
    id: '',
    name: '',
    source: sourceTemplate('concur'),
    target: targetTemplate('sage-x3'),
    rules: { liabilityAccount: '', cardClearingAccount: '', payablesAccount: '', personalLines: 'exclude', dateRule: 'document_date', requiredDimensions: ['costCenter'], postingModes: { invoice: 'supplier_invoice' }, maxDescriptionLength: 250, closedPeriod: 'hold' },
    schedule: { mode: 'manual' },
    retry: { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 60_000, pauseAfterAuthFailures: 3 },
    concurrency: 4,
  };
}

/** The editable part of a stored connection (status, secret names and timestamps are not sent back). */
export function toDraft(c: Connection): ConnectionInput {
  const { status: _s, pausedReason: _p, secretNames: _n, createdAt: _c, updatedAt: _u, ...input } = c;
  const draft = structuredClone(input);
  // An older Sage Intacct connection kept its closed-period rule on the target: the form shows (and saves) it as the one setting.
  draft.rules.closedPeriod = closedPeriodRule(draft);
  return draft;
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
    rules.requiredDimensions = value === 'sage-intacct' || value === 'netsuite' ? ['department'] : value === 'acumatica' ? ['subaccount'] : ['costCenter'];
  }
  if (path === 'schedule.mode') {
    const s = copy.schedule as Record<string, unknown>;
    const minutes = Number(s.minutes) || 60;
    copy.schedule =
      value === 'interval'
        ? { mode: 'interval', minutes }
        : value === 'daily'
          ? { mode: 'daily', at: typeof s.at === 'string' ? s.at : '06:00' }
          : value === 'window'
            ? { mode: 'window', from: typeof s.from === 'string' ? s.from : '22:00', to: typeof s.to === 'string' ? s.to : '06:00', minutes }
            : { mode: 'manual' };
  }
  return copy as T;
}

const SECRET_LABEL: Record<string, string> = { clientSecret: 'client secret', password: 'password', partnerUserSecret: 'partner user secret', senderPassword: 'sender password', userPassword: 'user password', privateKey: 'private key (PEM)', consumerSecret: 'consumer secret', tokenSecret: 'token secret', refreshToken: 'refresh token' };

export function secretLabel(name: string, c: Pick<ConnectionInput, 'source' | 'target'>): string {
  const [side, key = side] = name.includes('.') ? name.split('.') : ['', name];
  const system = side === 'source' ? systemLabel(c.source.system) : side === 'target' ? systemLabel(c.target.system) : '';
  return `${system ?? ''} ${SECRET_LABEL[key ?? ''] ?? key}`.trim();
}
