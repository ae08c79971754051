// Builders for canonical documents and rules used across engine tests.
import type { PostingRules } from '../../shared/schemas/connection';
import type { SourceDocument, SourceLine } from '../../shared/schemas/document';

export const rules = (over: Partial<PostingRules> = {}): PostingRules => ({
  liabilityAccount: '421000',
  cardClearingAccount: '467000',
  personalLines: 'exclude',
  dateRule: 'document_date',
  requiredDimensions: ['costCenter'],
  postingModes: { invoice: 'supplier_invoice' },
  maxDescriptionLength: 250,
  ...over,
});

export const line = (over: Partial<SourceLine> = {}): SourceLine => ({
  lineId: 'L1',
  expenseType: { code: 'MEALS', name: 'Meals' },
  transactionDate: '2026-10-02',
  amount: { amountMinor: 12345, currency: 'EUR' },
  transactionAmount: { amountMinor: 12345, currency: 'EUR' },
  exchangeRate: '1',
  description: 'Client dinner',
  vendorName: 'Brasserie',
  isPersonal: false,
  paidBy: 'employee',
  allocations: [],
  dimensions: {},
  ...over,
});

export const doc = (over: Partial<SourceDocument> = {}): SourceDocument => ({
  sourceSystem: 'concur',
  kind: 'expense_report',
  sourceId: 'R1',
  version: '2026-10-05T10:00:00',
  title: 'October trip',
  currency: 'EUR',
  documentDate: '2026-10-05',
  employee: { id: 'jdoe', name: 'Jane Doe', email: null },
  vendor: null,
  invoiceNumber: null,
  lines: [line()],
  problems: [],
  meta: {},
  ...over,
});
