// Supplier invoices in Northwind's own Concur company (Concur Invoice payment requests, read by the v3 connection
// with `includeInvoices`), posted to Sage X3 as supplier invoices. French suppliers bill VAT on each line
// (`VatAmount` / `VatRate`) at 20 %, 10 % and 5.5 %; a Geneva hotel bills Swiss VAT, which a French company
// cannot reclaim through its French return, so its mapping says "not recoverable" and the VAT stays in the expense.
import type { Mapping } from '../../shared/schemas/mapping';
import type { ConcurSimulator } from '../simulators/concur';
import { seedInvoices } from '../simulators/concur';
import { COMPANY } from './catalog';
import { taxMappings } from './connection-parts';

/** X3 suppliers the invoices come from (added to the demo folder's suppliers). */
export const X3_INVOICE_SUPPLIERS: Array<[string, string]> = [
  ['F3001', 'Bureau Vallée Lyon'],
  ['F3002', 'Hôtel des Arts Paris'],
  ['F3003', 'Librairie Kléber'],
  ['F3004', 'Hôtel du Rhône Genève'],
];

/** Approved invoices: two per supplier (an even count keeps the demo's every-other-receipt pattern in step). */
export const X3_INVOICES = 8;

/** Rate (as Concur's VatRate keys the mapping), name, X3 tax code, recoverable-VAT account ('' when never reclaimed). */
export const X3_INVOICE_TAX: Array<[string, string, string, string]> = [
  ['20%', 'French VAT 20 %', 'FRS', '445660'],
  ['10%', 'French VAT 10 %', 'FRI', '445660'],
  ['5.5%', 'French VAT 5.5 %', 'FRR', '445660'],
  ['3.8%', 'Swiss hotel VAT 3.8 % (not reclaimable)', 'FRN', ''],
];

export function seedX3Invoices(concur: ConcurSimulator): void {
  seedInvoices(concur.state, {
    companyId: COMPANY.concurCompanyId,
    count: X3_INVOICES,
    prefix: 'NWCPR',
    seed: 20261017,
    currency: 'EUR',
    vendors: X3_INVOICE_SUPPLIERS,
    custom1Codes: ['CC100', 'CC300', 'CC400', 'CC500'],
    types: [['OFFSP', 'Office supplies']],
    vendorTypes: { F3002: [['HOTEL', 'Hotel'], ['MEALS', 'Business meal']], F3003: [['BOOKS', 'Books and publications']], F3004: [['HOTEL', 'Hotel']] },
    vat: [
      { vendorCodes: ['F3001'], ratePercent: 20, city: 'Lyon', country: 'FR' },
      { vendorCodes: ['F3002'], ratePercent: 10, city: 'Paris', country: 'FR' },
      { vendorCodes: ['F3003'], ratePercent: 5.5, city: 'Strasbourg', country: 'FR' },
      { vendorCodes: ['F3004'], ratePercent: 3.8, city: 'Genève', country: 'CH' },
    ],
  });
}

/** The invoices' tax-code mappings: the Swiss VAT row says recoverable = no, so it stays in the hotel expense. */
export function x3InvoiceTaxMappings(): Mapping[] {
  return taxMappings(X3_INVOICE_TAX).map((m) => (m.dimensions.vatAccount ? m : { ...m, dimensions: { ...m.dimensions, recoverable: 'no' } }));
}
