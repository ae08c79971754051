// Deterministic demo/bench data for the simulator: a company with users and approved reports whose
// entries and allocations use v3 field names (custom fields as {Code, ListItemID, Type, Value}).
import { createPrng } from './faults';
import type { Datacenter } from './faults';
import type { AllocationInput, EntryInput, ReportInput, SimState } from './state';
import { v3Date } from './state';

export interface DemoSeedOptions {
  companyId: string;
  datacenter?: Datacenter;
  users?: number;
  reports: number;
  entriesPerReport?: number;
  /** Every n-th entry is split across two cost centers (0 = never). */
  splitEvery?: number;
  /** LastModifiedDate of the first report (epoch ms); later ones are a few seconds apart. */
  startMs?: number;
  approved?: boolean;
  seed?: number;
}

const TYPES: Array<[string, string]> = [['AIRFR', 'Airfare'], ['HOTEL', 'Hotel'], ['MEALS', 'Business Meal'], ['TAXIX', 'Taxi'], ['CARRT', 'Car Rental'], ['OFFSP', 'Office Supplies']];
const CURRENCIES: Array<[string, number]> = [['USD', 1], ['EUR', 1.08], ['GBP', 1.27], ['JPY', 0.0067]];
const COST_CENTERS = ['CC100', 'CC200', 'CC300', 'CC400'];

function custom(code: string): Record<string, unknown> {
  return { Code: code, ListItemID: `li-${code}`, Type: 'List', Value: `Cost center ${code}` };
}

/** Seeds a company, its users (password "pw-<loginId>") and reports; returns the report ids. */
export function seedDemoCompany(state: SimState, o: DemoSeedOptions): string[] {
  const rnd = createPrng(o.seed ?? 7);
  const nUsers = o.users ?? 5;
  const perReport = o.entriesPerReport ?? 5;
  const start = o.startMs ?? Date.UTC(2025, 0, 2, 8, 0, 0);
  if (!state.companies.has(o.companyId)) state.addCompany({ id: o.companyId, datacenter: o.datacenter ?? 'us' });
  const logins: string[] = [];
  for (let u = 0; u < nUsers; u++) {
    const loginId = `user${u + 1}@${o.companyId.slice(0, 8)}.example`;
    logins.push(loginId);
    if (!state.users.has(loginId)) state.addUser({ loginId, password: `pw-${loginId}`, companyId: o.companyId, name: `Employee ${u + 1}` });
  }
  const reports: ReportInput[] = [];
  const entries: EntryInput[] = [];
  const allocations: AllocationInput[] = [];
  const ids: string[] = [];
  let entrySeq = 0;
  for (let r = 0; r < o.reports; r++) {
    const id = `${o.companyId.slice(0, 4).toUpperCase()}R${String(r + 1).padStart(6, '0')}`;
    ids.push(id);
    const owner = logins[r % logins.length] as string;
    const modified = start + r * 3000;
    let total = 0;
    for (let e = 0; e < perReport; e++) {
      const entryId = `${id}E${e + 1}`;
      const [code, name] = TYPES[Math.floor(rnd() * TYPES.length)] as [string, string];
      const [txCur, rate] = CURRENCIES[Math.floor(rnd() * CURRENCIES.length)] as [string, number];
      const txMinor = 500 + Math.floor(rnd() * 50_000);
      const txAmount = txCur === 'JPY' ? txMinor : txMinor / 100;
      const approvedMinor = Math.round((txCur === 'JPY' ? txMinor : txMinor / 100) * rate * 100);
      total += approvedMinor;
      const cc = COST_CENTERS[(r + e) % COST_CENTERS.length] as string;
      const companyPaid = rnd() < 0.3;
      entries.push({
        ID: entryId,
        ReportID: id,
        ReportOwnerID: owner,
        ExpenseTypeCode: code,
        ExpenseTypeName: name,
        TransactionDate: v3Date(modified - 86_400_000 * (1 + e)).slice(0, 10) + 'T00:00:00',
        TransactionAmount: txAmount,
        TransactionCurrencyCode: txCur,
        ExchangeRate: rate,
        PostedAmount: approvedMinor / 100,
        ApprovedAmount: approvedMinor / 100,
        PaymentTypeID: companyPaid ? 'IBCP' : 'CASH',
        PaymentTypeName: companyPaid ? 'Company Paid' : 'Cash',
        VendorDescription: `Vendor ${(entrySeq++ % 97) + 1}`,
        IsPersonal: false,
        IsBillable: false,
        Description: `${name} for trip ${r + 1}`,
        Custom1: custom(cc),
      });
      const split = o.splitEvery && entrySeq % o.splitEvery === 0;
      if (split) {
        allocations.push({ reportID: id, ID: `${entryId}A1`, EntryID: entryId, Percentage: 60, Custom1: custom(cc) });
        allocations.push({ reportID: id, ID: `${entryId}A2`, EntryID: entryId, Percentage: 40, Custom1: custom(COST_CENTERS[(r + e + 1) % COST_CENTERS.length] as string) });
      } else {
        allocations.push({ reportID: id, ID: `${entryId}A1`, EntryID: entryId, Percentage: 100, Custom1: custom(cc) });
      }
    }
    reports.push({
      ID: id,
      Name: `Trip ${r + 1}`,
      OwnerLoginID: owner,
      OwnerName: `Employee ${(r % nUsers) + 1}`,
      CurrencyCode: 'USD',
      Total: total / 100,
      TotalApprovedAmount: total / 100,
      CreateDate: v3Date(modified - 5 * 86_400_000),
      SubmitDate: v3Date(modified - 2 * 86_400_000),
      LastModifiedDate: v3Date(modified),
      ApprovalStatusCode: o.approved === false ? 'A_FILE' : 'A_APPR',
      ApprovalStatusName: o.approved === false ? 'Submitted' : 'Approved',
      PaymentStatusCode: 'P_NOTP',
      PolicyID: 'POL-STD',
      LedgerName: 'DEFAULT',
    });
  }
  state.addReports(o.companyId, reports);
  state.addEntries(entries);
  state.addAllocations(allocations);
  return ids;
}
