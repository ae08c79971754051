// The project's own FreeMarker export template: CSV, one row per expense carrying its report's fields,
// amounts left in integer cents. CSV rather than JSON because quoting needs only ?replace, which every
// FreeMarker version has (the server's version, hence JSON escaping, is undocumented: api/expensify.md §3.5).

/** First line of the template; the marker lets a simulator recognise the template it renders. */
export const TEMPLATE_MARKER = 'ml-connector export template csv-v2';

/** Columns in order. A report without expenses gets one row whose expense columns are empty. */
export const EXPORT_COLUMNS = [
  'reportID',
  'reportName',
  'status',
  'policyID',
  'policyName',
  'reportCurrency',
  'reportTotalCents',
  'created',
  'submitted',
  'approved',
  'submitterEmail',
  'transactionID',
  'expenseDate',
  'merchant',
  'amountCents',
  'expenseCurrency',
  'convertedCents',
  'conversionRate',
  'category',
  'categoryGlCode',
  'tag',
  'tagGlCode',
  'reimbursable',
  'billable',
  'comment',
  // v2: the expense's tax as Expensify computed it (api/expensify.md §3.5 expense fields hasTax, taxAmount,
  // modifiedTaxAmount, taxName, taxRate, taxCode); cents like amount, in the expense's own currency (inferred).
  'taxAmountCents',
  'taxName',
  'taxRate',
  'taxCode',
  /** The receipt image/PDF link of the expense (receiptObject.url, api/expensify.md §3.5); empty without one. */
  'receiptURL',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

// Every value is quoted and its quotes doubled; numbers go through ?c so no locale grouping ("1,234") slips in;
// modified* values win over the originals, as the help article advises.
const ROW_REPORT = '${q(r.reportID!)},${q(r.reportName!)},${q(r.status!)},${q(r.policyID!)},${q(r.policyName!)},${q(r.currency!)},${n(r.total!)},${q(r.created!)},${q(r.submitted!)},${q(r.approved!)},${q(r.accountEmail!)}';
const ROW_EXPENSE =
  '${q(e.transactionID!)},${q(pick(e.modifiedCreated!, e.created!))},${q(pick(e.modifiedMerchant!, e.merchant!))},${n(pick(e.modifiedAmount!, e.amount!))},${q(e.currency!)},${n(e.convertedAmount!)},${n(e.currencyConversionRate!)},${q(e.category!)},${q(e.categoryGlCode!)},${q(e.tag!)},${q(e.tagGlCode!)},${b(e.reimbursable!)},${b(e.billable!)},${q(e.comment!)},${n(pick(e.modifiedTaxAmount!, e.taxAmount!))},${q(e.taxName!)},${q(e.taxRate!)},${q(e.taxCode!)},${q((e.receiptObject.url)!)}';
const EMPTY_EXPENSE = Array.from({ length: 19 }, () => '""').join(',');

export const EXPORT_TEMPLATE = [
  `<#-- ${TEMPLATE_MARKER} -->`,
  '<#function q v="">',
  '  <#if v?is_number><#return "\\"" + v?c + "\\""></#if>',
  '  <#if v?is_boolean><#return "\\"" + v?string("true", "false") + "\\""></#if>',
  '  <#return "\\"" + v?string?replace("\\"", "\\"\\"") + "\\"">',
  '</#function>',
  '<#function n v="">',
  '  <#if v?is_number><#return "\\"" + v?c + "\\""></#if>',
  '  <#return q(v)>',
  '</#function>',
  '<#function b v="">',
  '  <#if v?is_boolean><#return "\\"" + v?string("true", "false") + "\\""></#if>',
  '  <#return q(v)>',
  '</#function>',
  '<#function pick modified="" original="">',
  '  <#if modified?has_content><#return modified></#if>',
  '  <#return original>',
  '</#function>',
  EXPORT_COLUMNS.map((c) => `"${c}"`).join(','),
  '<#list reports as r>',
  '<#if (r.transactionList!)?has_content>',
  '<#list r.transactionList as e>',
  `${ROW_REPORT},${ROW_EXPENSE}`,
  '</#list>',
  '<#else>',
  `${ROW_REPORT},${EMPTY_EXPENSE}`,
  '</#if>',
  '</#list>',
  '',
].join('\n');
