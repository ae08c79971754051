// Deterministic FIS documents of every type (field names of the FIS financial document schema, amounts as
// JSON numbers) and v3 invoices (payment requests, amounts as strings) for tests and the demo company.
import { createPrng } from './faults';
import type { Datacenter } from './faults';
import { fisOf } from './fis-state';
import type { SimFisDocType } from './fis-state';
import { invoicesOf } from './invoices';
import type { SimState } from './state';
import { v3Date } from './state';

export interface FisSeedOptions {
  companyId: string;
  datacenter?: Datacenter;
  /** How many documents of each type; omitted = 0. */
  counts: Partial<Record<SimFisDocType, number>>;
  entriesPerDoc?: number;
  startMs?: number;
  seed?: number;
  /** Id prefix, so several seeds can share one company. */
  prefix?: string;
  /**
   * French VAT on the single-allocation entries, as Concur's tax configuration computes it (tax[] rows with
   * amountTax / amountReclaim, journal amountNetOfTax / amountNetOfReclaim): 20 %, 10 % or 5.5 % reclaimed in
   * full, and a Swiss hotel's 3.8 % VAT that a French company cannot reclaim.
   */
  vat?: boolean;
}

/** Source tax code, rate, authority label, country, reclaimed? */
type SimVat = [string, number, string, string, boolean];
export const FIS_DEMO_VAT: Record<string, SimVat> = {
  FR20: ['FR20', 20, 'FRVAT', 'FR', true],
  FR10: ['FR10', 10, 'FRVAT', 'FR', true],
  FR55: ['FR55', 5.5, 'FRVAT', 'FR', true],
  CHHOTEL: ['CHHOTEL', 3.8, 'CHVAT', 'CH', false],
};

/** Which VAT a demo entry carries: by expense type, every third hotel being in Switzerland. */
function vatFor(code: string, n: number, e: number): SimVat {
  if (code === 'HOTEL') return (n + e) % 3 === 0 ? FIS_DEMO_VAT.CHHOTEL! : FIS_DEMO_VAT.FR10!;
  if (code === 'MEALS') return (n + e) % 2 === 0 ? FIS_DEMO_VAT.FR10! : FIS_DEMO_VAT.FR55!;
  return code === 'TAXIX' ? FIS_DEMO_VAT.FR10! : FIS_DEMO_VAT.FR20!;
}

/** The tax row and the journal's net amounts for a gross amount: tax = gross x r / (100 + r), rounded half up. */
function vatRows(minor: number, [taxCode, rate, label, country, reclaim]: SimVat, guid: string): { tax: Record<string, unknown>; netOfTax: number; netOfReclaim: number } {
  const tax = Math.round((minor * rate) / (100 + rate));
  const reclaimed = reclaim ? tax : 0;
  return {
    tax: { taxGuid: guid, taxCode, taxAuthorityLabel: label, locationCountryCode: country, taxSource: 'SYST', taxReclaimCode: reclaim ? 'VA' : 'NR', amountTax: money(tax), amountReclaim: money(reclaimed) },
    netOfTax: minor - tax,
    netOfReclaim: minor - reclaimed,
  };
}

const TYPES: Array<[string, string]> = [['AIRFR', 'Airfare'], ['HOTEL', 'Hotel'], ['MEALS', 'Business Meal'], ['TAXIX', 'Taxi']];
const VENDORS: Array<[string, string]> = [['V1001', 'Acme Office Supply'], ['V1002', 'Globex Consulting'], ['V1003', 'Initech Software'], ['V1004', 'Umbrella Facilities']];
const CC = ['CC100', 'CC200', 'CC300', 'CC400'];
const iso = (ms: number) => new Date(ms).toISOString();
const money = (minor: number) => Number((minor / 100).toFixed(2));

function employee(i: number): Record<string, unknown> {
  return { employeeId: `EMP${String(i + 1).padStart(4, '0')}`, employeeFirstName: 'Employee', employeeLastName: String(i + 1), loginId: `user${i + 1}@example.com`, employeeOrgUnit1Code: 'FR' };
}

/** Seeds READY FIS documents; ids are `<prefix><TYPE><n>` (20 characters or fewer). Returns them per type. */
export function seedFisDocuments(state: SimState, o: FisSeedOptions): Record<SimFisDocType, string[]> {
  if (!state.companies.has(o.companyId)) state.addCompany({ id: o.companyId, datacenter: o.datacenter ?? 'us' });
  const rnd = createPrng(o.seed ?? 5);
  const fis = fisOf(state);
  const start = o.startMs ?? Date.UTC(2026, 9, 5, 9, 0, 0);
  const per = o.entriesPerDoc ?? 3;
  const out: Record<SimFisDocType, string[]> = { expense: [], invoice: [], cashadvance: [], payroll: [] };
  for (const docType of ['expense', 'payroll', 'invoice', 'cashadvance'] as const) {
    for (let n = 0; n < (o.counts[docType] ?? 0); n++) {
      const id = `${o.prefix ?? 'FIS'}${docType.slice(0, 3).toUpperCase()}${String(n + 1).padStart(6, '0')}`;
      const at = start + n * 60_000;
      const entries = Array.from({ length: per }, (_, e) => {
        const [code, name] = TYPES[Math.floor(rnd() * TYPES.length)] as [string, string];
        const minor = 1000 + Math.floor(rnd() * 40_000);
        const split = e % 2 === 1;
        const allocation: Array<Record<string, unknown>> = split
          ? [{ allocationId: `${id}A${e}1`, allocationPercentage: 60, allocationCustom1Code: CC[n % 4], allocationCustom1Value: `Cost center ${CC[n % 4]}` }, { allocationId: `${id}A${e}2`, allocationPercentage: 40, allocationCustom1Code: CC[(n + 1) % 4] }]
          : [{ allocationId: `${id}A${e}1`, allocationPercentage: 100, allocationCustom1Code: CC[(n + e) % 4], journal: [{ journalAccountCode: '625100', journalPayer: 'COMPANY', journalPayee: e === 2 ? 'IBCP' : 'EMPL', amountGross: money(minor), amountNetOfTax: money(minor) }] }];
        if (o.vat && !split && (docType === 'expense' || docType === 'invoice')) {
          const v = vatRows(minor, vatFor(code, n, e), `${id}T${e}`);
          const a = allocation[0]!;
          a.tax = [v.tax];
          a.journal = (a.journal as Array<Record<string, unknown>>).map((j) => ({ ...j, amountNetOfTax: money(v.netOfTax), amountNetOfReclaim: money(v.netOfReclaim), taxGuid: [v.tax.taxGuid] }));
        }
        return { entryId: `${id}E${e + 1}`, expenseTypeCode: code, expenseTypeName: name, entryDate: iso(at - 86_400_000 * (e + 1)), entryCurrAlphaCode: 'EUR', entryExchangeRate: 1, entryApprovedAmount: money(minor), reportEntryTransactionAmount: money(minor), entryIsPersonal: 'N', entryIsBillable: 'N', entryVendorDescription: `Vendor ${e + 1}`, entryDescription: `${name} ${n + 1}`, reportEntryPatKey: e === 2 ? 'IBCP' : 'CASH', entryOrgUnit1Code: 'FR', allocation };
      });
      let document: Record<string, unknown>;
      if (docType === 'expense' || docType === 'payroll') {
        const report = { reportId: `${id}R`, reportKey: n + 1, reportName: `Trip ${n + 1}`, employeeCurrencyAlphaCode: 'EUR', reportSubmitDate: iso(at - 3_600_000), reportCreationDate: iso(at - 86_400_000 * 5), ledgerCode: 'DEFAULT', policyId: 'POL-STD', revisionNumber: 1, totalApprovedAmount: entries.reduce((s, e) => s + e.entryApprovedAmount, 0) };
        document = { employee: employee(n), report, expenseEntry: entries, cashAdvanceApplication: [] };
      } else if (docType === 'invoice') {
        const [vendorCode, vendorName] = VENDORS[n % VENDORS.length] as [string, string];
        const lineItem = entries.map((e, i) => ({ lineItemSequenceOrder: i + 1, expenseTypeCode: e.expenseTypeCode, expenseTypeName: e.expenseTypeName, lineItemDescription: `Service ${i + 1}`, amountGross: e.entryApprovedAmount, amountNet: e.entryApprovedAmount, lineItemQuantity: '1', allocation: e.allocation }));
        const requestHeader = { requestId: `${id}Q`, vendorInvoiceNumber: `INV-${2026}-${String(n + 1).padStart(5, '0')}`, invoiceDate: iso(at).slice(0, 10), currencyAlphaCode: 'EUR', requestTotal: lineItem.reduce((s, l) => s + l.amountGross, 0), amountTax: 0, ledgerCode: 'DEFAULT', paymentDueDate: iso(at + 30 * 86_400_000).slice(0, 10), requestTitle: `${vendorName} ${n + 1}`, revisionNumber: 1 };
        document = { requestHeader, ownerEmployee: employee(n), vendor: { vendorCode, vendorName, vendorRemitToAddressCode: `${vendorCode}-01` }, lineItem, tax: [] };
      } else {
        const amount = money(10_000 + Math.floor(rnd() * 90_000));
        document = {
          employeeData: employee(n),
          cashAdvanceData: { cashAdvanceId: `${id}C`, name: `Advance ${n + 1}`, purpose: 'Trip advance', currencyAlphaCode: 'EUR', employeeCurrencyAlphaCode: 'EUR', requestAmount: amount, issuedDate: iso(at), requestDate: iso(at - 86_400_000), exchangeRate: 1 },
          journalData: [{ accountCode: '467100', amount, debitOrCredit: 'DR', payee: 'EMPL', payer: 'COMPANY' }],
        };
      }
      fis.add(o.companyId, { id, docType, document });
      out[docType].push(id);
    }
  }
  return out;
}

export interface InvoiceSeedOptions {
  companyId: string;
  count: number;
  /** LastModifiedDate of the first invoice (epoch ms); later ones are an hour apart. */
  startMs?: number;
  approved?: boolean;
  seed?: number;
  prefix?: string;
  /** Defaults: USD, the four test vendors, cost centers CC100-CC400 in Custom1, four travel expense types. */
  currency?: string;
  vendors?: Array<[string, string]>;
  custom1Codes?: string[];
  types?: Array<[string, string]>;
  /**
   * Vendors that bill VAT/GST: their lines carry `VatAmount` / `VatRate` (v3.payment-request.markdown), the tax
   * included in `TotalPrice` and rounded to the cent from it, the vendor's remit-to address in `city`, `country`.
   * Several entries give vendors different rates (a French hotel 10 %, a bookshop 5.5 %).
   */
  vat?: InvoiceVat | InvoiceVat[];
  /** Expense types by vendor code (a hotel bills lodging); vendors not listed take `types`. */
  vendorTypes?: Record<string, Array<[string, string]>>;
}

export interface InvoiceVat {
  vendorCodes: string[];
  ratePercent: number;
  city: string;
  country: string;
}

/** Seeds v3 payment requests with line items and allocations (custom fields as {Code, Value}); returns their ids. */
export function seedInvoices(state: SimState, o: InvoiceSeedOptions): string[] {
  if (!state.companies.has(o.companyId)) state.addCompany({ id: o.companyId, datacenter: 'us' });
  const rnd = createPrng(o.seed ?? 9);
  const start = o.startMs ?? Date.UTC(2026, 9, 5, 9, 0, 0);
  const ids: string[] = [];
  const vendors = o.vendors ?? VENDORS;
  const codes = o.custom1Codes ?? CC;
  const types = o.types ?? TYPES;
  const list = Array.from({ length: o.count }, (_, n) => {
    const id = `${o.prefix ?? 'PR'}${String(n + 1).padStart(8, '0')}`;
    ids.push(id);
    const [vendorCode, vendorName] = vendors[n % vendors.length] as [string, string];
    const own = o.vendorTypes?.[vendorCode] ?? types;
    const lines = Array.from({ length: 2 }, (_, i) => {
      const [typeCode, typeName] = own[(n + i) % own.length]!;
      const code = codes[(n + i) % codes.length]!;
      const custom1 = { Code: code, Value: `${code}` };
      return { LineItemId: `${id}L${i + 1}`, ExpenseTypeCode: typeCode, ExpenseTypeName: typeName, Description: `Item ${i + 1}`, Quantity: '1', UnitPrice: '0', TotalPrice: (Math.floor(rnd() * 90_000 + 1000) / 100).toFixed(2), Custom1: custom1, Allocations: { Allocation: [{ Percentage: '100', Custom1: custom1 }] } };
    });
    for (const l of lines) l.UnitPrice = l.TotalPrice;
    const vat = [o.vat ?? []].flat().find((v) => v.vendorCodes.includes(vendorCode));
    const taxed = vat ? lines.map((l) => ({ ...l, VatRate: String(vat.ratePercent), VatAmount: (Math.round((Math.round(Number(l.TotalPrice) * 100) * vat.ratePercent) / (100 + vat.ratePercent)) / 100).toFixed(2) })) : lines;
    const total = lines.reduce((s, l) => s + Math.round(Number(l.TotalPrice) * 100), 0);
    return {
      ID: id,
      Name: `${vendorName} ${n + 1}`,
      InvoiceNumber: `SUP-${String(n + 1).padStart(6, '0')}`,
      InvoiceDate: v3Date(start + n * 3_600_000 - 2 * 86_400_000),
      InvoiceAmount: (total / 100).toFixed(2),
      CurrencyCode: o.currency ?? 'USD',
      LedgerCode: 'DEFAULT',
      PaymentDueDate: v3Date(start + 30 * 86_400_000),
      VendorRemitToIdentifier: { Name: vendorName, VendorCode: vendorCode, AddressCode: `${vendorCode}-01`, Address1: '1 Main Street', City: vat?.city ?? 'Springfield', Country: vat?.country ?? 'US' },
      LineItems: { LineItem: taxed },
      ApprovalStatusCode: o.approved === false ? 'A_PEND' : 'A_APPR',
      LastModifiedDate: v3Date(start + n * 3_600_000),
    };
  });
  invoicesOf(state).add(o.companyId, list);
  return ids;
}
