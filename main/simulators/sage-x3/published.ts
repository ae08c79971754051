// The published objects the simulated folder offers (GESAWE web services over GESGAS / GESBIS screens):
// block ids and field codes as the simulator's own description, what getDescription would list on a
// customer system. Defaults follow the standard screens; tests configure a customer's own codes.

/** Journal entry object (GESGAS-like). '' = the field is not on this customer's screen. */
export interface SimJournalFields {
  headerBlock: string;
  linesBlock: string;
  entryType: string;
  site: string;
  journal: string;
  accountingDate: string;
  documentDate: string;
  currency: string;
  description: string;
  reference: string;
  documentNumber: string;
  lineAccount: string;
  lineDebit: string;
  lineCredit: string;
  lineDescription: string;
  linePartner: string;
  /** Tax code of the line (GACCENTRYD VAT, inferred). */
  lineTax: string;
  /** Extra dimension line fields (name -> field code) besides CCE1..CCE20. */
  dimensions: Record<string, string>;
}

/** Supplier BP invoice object (GESBIS-like). */
export interface SimSupplierInvoiceFields {
  headerBlock: string;
  linesBlock: string;
  invoiceType: string;
  site: string;
  supplier: string;
  accountingDate: string;
  documentDate: string;
  currency: string;
  supplierDocument: string;
  description: string;
  reference: string;
  total: string;
  documentNumber: string;
  lineAccount: string;
  lineAmount: string;
  lineDescription: string;
  lineTax: string;
  dimensions: Record<string, string>;
}

export const SIM_JOURNAL_FIELDS: SimJournalFields = {
  headerBlock: 'GAS0_1', linesBlock: 'GAS1_1', entryType: 'TYP', site: 'FCY', journal: 'JOU', accountingDate: 'ACCDAT', documentDate: 'BPRDAT', currency: 'CUR',
  description: 'DESVCR', reference: 'REF', documentNumber: 'NUM', lineAccount: 'ACC', lineDebit: 'DEB', lineCredit: 'CDT', lineDescription: 'DES', linePartner: 'BPR', lineTax: 'VAT', dimensions: {},
};

export const SIM_SUPPLIER_INVOICE_FIELDS: SimSupplierInvoiceFields = {
  headerBlock: 'BIS0_1', linesBlock: 'BIS1_1', invoiceType: 'TYP', site: 'FCY', supplier: 'BPR', accountingDate: 'ACCDAT', documentDate: 'BPRDAT', currency: 'CUR',
  supplierDocument: 'BPRVCR', description: 'DES', reference: 'REF', total: 'AMTATI', documentNumber: 'NUM', lineAccount: 'ACC', lineAmount: 'AMTNOT', lineDescription: 'DES', lineTax: 'VAT', dimensions: {},
};

/** X3 ledgers carry up to 20 analytical dimension positions. */
const ANALYTIC = Array.from({ length: 20 }, (_, i) => `CCE${i + 1}`);

export interface ObjectLayout {
  headerBlock: string;
  linesBlock: string;
  header: Set<string>;
  line: Set<string>;
}

const codes = (list: string[]) => new Set(list.filter(Boolean));

export function journalLayout(f: SimJournalFields): ObjectLayout {
  return {
    headerBlock: f.headerBlock,
    linesBlock: f.linesBlock,
    header: codes([f.entryType, f.site, f.journal, f.accountingDate, f.documentDate, f.currency, f.description, f.reference, f.documentNumber]),
    line: codes([f.lineAccount, f.lineDebit, f.lineCredit, f.lineDescription, f.linePartner, f.lineTax, ...ANALYTIC, ...Object.values(f.dimensions)]),
  };
}

export function supplierInvoiceLayout(f: SimSupplierInvoiceFields): ObjectLayout {
  return {
    headerBlock: f.headerBlock,
    linesBlock: f.linesBlock,
    header: codes([f.invoiceType, f.site, f.supplier, f.accountingDate, f.documentDate, f.currency, f.supplierDocument, f.description, f.reference, f.total, f.documentNumber]),
    line: codes([f.lineAccount, f.lineAmount, f.lineDescription, f.lineTax, ...ANALYTIC, ...Object.values(f.dimensions)]),
  };
}
