// Master data of the simulated NetSuite account (Northwind Europe as a OneWorld subsidiary): subsidiaries,
// currencies, departments, classes, locations, a small chart of accounts, the FIS demo vendors (V1001…) and
// employees (EMP0001…), with one inactive value of each kind so validation has something to say.
import type { NetSuiteSimState } from './state';

export const NETSUITE_DEMO = {
  accountId: '1234567_SB1',
  clientId: 'mlc-demo-integration-client',
  certificateId: 'mlc-demo-certificate-1',
  subsidiary: '2',
  liabilityAccount: '2010',
  cardClearingAccount: '2020',
  /** File Cabinet folder the demo's receipts go to. */
  receiptFolderId: '512',
  tba: { consumerKey: 'demo-consumer-key', consumerSecret: 'demo-consumer-secret-4f9', tokenId: 'demo-token-id', tokenSecret: 'demo-token-secret-7c2' },
  /** Concur expense type → account number, department, location, class (internal ids). */
  expenseTypes: [
    ['AIRFR', 'Airfare', '6100', '10', '30', '20'],
    ['HOTEL', 'Hotel', '6110', '10', '30', '20'],
    ['MEALS', 'Business meal', '6120', '11', '31', '20'],
    ['TAXIX', 'Taxi', '6130', '11', '31', '20'],
    ['CASHADV', 'Cash advance', '1410', '13', '30', '21'],
  ] as Array<[string, string, string, string, string, string]>,
} as const;

export interface NetSuiteSeed {
  /** Vendor ids (entityid) left out, to be added later (the "held until the vendor exists" flow). */
  omitVendors?: string[];
  employees?: number;
}

export const DEMO_VENDORS: Array<[string, string, string]> = [
  ['501', 'V1001', 'Acme Office Supply'],
  ['502', 'V1002', 'Globex Consulting'],
  ['503', 'V1003', 'Initech Software'],
  ['504', 'V1004', 'Umbrella Facilities'],
];

export function seedNetSuite(state: NetSuiteSimState, o: NetSuiteSeed = {}): NetSuiteSimState {
  state.folders.set(NETSUITE_DEMO.receiptFolderId, { name: 'Receipts' });
  state
    .add('subsidiary', [{ id: '1', name: 'Northwind Holding' }, { id: '2', name: 'Northwind Europe', currency: '4' }, { id: '3', name: 'Northwind Dormant', isinactive: true }])
    .add('currency', [{ id: '1', name: 'US Dollar', symbol: 'USD' }, { id: '2', name: 'British pound', symbol: 'GBP' }, { id: '4', name: 'Euro', symbol: 'EUR' }, { id: '5', name: 'Yen', symbol: 'JPY' }])
    .add('department', [{ id: '10', name: 'Sales' }, { id: '11', name: 'Engineering' }, { id: '12', name: 'Marketing', isinactive: true }, { id: '13', name: 'Finance' }])
    .add('classification', [{ id: '20', name: 'Travel' }, { id: '21', name: 'Advances' }, { id: '22', name: 'Legacy', isinactive: true }])
    .add('location', [{ id: '30', name: 'Paris' }, { id: '31', name: 'Berlin' }, { id: '32', name: 'London', isinactive: true }])
    .add('account', [
      { id: '101', acctnumber: '1410', fullname: 'Employee advances', accttype: 'OthCurrAsset' },
      { id: '102', acctnumber: '2010', fullname: 'Employee expenses payable', accttype: 'OthCurrLiab' },
      { id: '103', acctnumber: '2020', fullname: 'Corporate card clearing', accttype: 'OthCurrLiab' },
      { id: '104', acctnumber: '6100', fullname: 'Travel : Airfare', accttype: 'Expense' },
      { id: '105', acctnumber: '6110', fullname: 'Travel : Lodging', accttype: 'Expense' },
      { id: '106', acctnumber: '6120', fullname: 'Meals and entertainment', accttype: 'Expense' },
      { id: '107', acctnumber: '6130', fullname: 'Local transport', accttype: 'Expense' },
      { id: '108', acctnumber: '6999', fullname: 'Old travel (closed)', accttype: 'Expense', isinactive: true },
      { id: '109', acctnumber: '1450', fullname: 'VAT recoverable', accttype: 'OthCurrAsset' },
    ])
    // French VAT codes of Northwind Europe (20 %, 10 %, 5.5 %) and one retired code.
    .add('salestaxitem', [
      { id: '901', itemid: 'FR-S-20', description: 'FR standard rate 20%', rate: '20.00%' },
      { id: '902', itemid: 'FR-I-10', description: 'FR intermediate rate 10%', rate: '10.00%' },
      { id: '903', itemid: 'FR-R-5.5', description: 'FR reduced rate 5.5%', rate: '5.50%' },
      { id: '904', itemid: 'FR-NR', description: 'Not recoverable', rate: '0.00%' },
      { id: '909', itemid: 'FR-OLD-19.6', description: 'FR standard rate before 2014', rate: '19.60%', isinactive: true },
    ])
    .add('vendor', [...DEMO_VENDORS.filter(([, code]) => !o.omitVendors?.includes(code)).map(([id, entityid, companyname]) => ({ id, entityid, companyname })), { id: '599', entityid: 'V9999', companyname: 'Bankrupt Ltd', isinactive: true }])
    .add(
      'employee',
      Array.from({ length: o.employees ?? 40 }, (_, i) => ({ id: String(701 + i), entityid: `EMP${String(i + 1).padStart(4, '0')}`, firstname: 'Employee', lastname: String(i + 1), subsidiary: '2' })),
    );
  // Each recoverable code books its purchase tax to 1450 VAT recoverable (internal id 109).
  for (const code of ['901', '902', '903', '909']) state.taxAccounts.set(code, '109');
  return state;
}

/** Adds one of the demo vendors (by entityid) that a seed left out. */
export function addDemoVendor(state: NetSuiteSimState, code: string): void {
  const v = DEMO_VENDORS.find(([, c]) => c === code);
  if (v) state.add('vendor', [{ id: v[0], entityid: v[1], companyname: v[2] }]);
}

