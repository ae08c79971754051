// 300 approved expense reports (~1,500 lines) in Concur v3 shapes: multi-currency, split allocations,
// company-paid, personal and refund lines. Deterministic: same seed, same reports, same content hashes.
import type { AllocationInput, EntryInput, ReportInput } from '../simulators/concur';
import type { DemoEmployee } from './catalog';
import { departmentOf, EXPENSE_TYPES, PROJECTS } from './catalog';
import { pick, seeded } from '../simulators/prng';

/** Units of EUR per unit of each currency (demo rates). */
const TO_EUR: Record<string, number> = { EUR: 1, USD: 0.92, GBP: 1.17, CHF: 1.04, SEK: 0.087, JPY: 0.0061 };
const DIGITS: Record<string, number> = { EUR: 2, USD: 2, GBP: 2, CHF: 2, SEK: 2, JPY: 0 };
const CITIES = ['Paris', 'Lyon', 'London', 'Berlin', 'München', 'Zürich', 'Stockholm', 'Kraków', 'Tokyo', 'New York', 'Montréal', 'São Paulo'];
const VENDORS = ['Air France', 'Lufthansa', 'Hôtel Mercure', 'Novotel', 'Uber', 'G7 Taxi', 'SNCF', 'Eurostar', 'Hertz', 'Café de Flore', 'Starbucks', 'Amazon Business', 'Regus', 'Fnac', 'Orange'];
const SPLIT_CCS = ['CC100', 'CC200', 'CC300', 'CC500', 'CC600', 'CC700'];

export interface DemoReports {
  reports: ReportInput[];
  entries: EntryInput[];
  allocations: AllocationInput[];
}

const major = (minor: number, cur: string) => minor / 10 ** (DIGITS[cur] ?? 2);
const v3 = (ms: number) => new Date(ms).toISOString().slice(0, 19);

/** A second company reuses the generator with its own ids, currency, expense types and split codes. */
export interface ReportStyle {
  idPrefix: string;
  /** Report currency for a random draw in [0, 1). */
  currency(draw: number): string;
  /** Expense types to draw from, and whether the Northwind EU holds (unmapped types, SUBSC) are planted. */
  types: ReadonlyArray<readonly [string, string, ...unknown[]]>;
  plantHolds: boolean;
  /** Values split allocations put in Custom1. */
  splitCodes: readonly string[];
  /** Extra entry-level custom fields (department, project), derived without drawing from the PRNG. */
  entryFields?(reportIndex: number, owner: DemoEmployee): Record<string, unknown>;
}

const listItem = (code: string) => ({ Code: code, ListItemID: `li-${code}`, Type: 'List', Value: code });
const ACTIVE_PROJECTS = PROJECTS.filter(([, , active]) => active !== false).map(([code]) => code);

const EU_STYLE: ReportStyle = {
  idPrefix: 'NWR',
  currency: (d) => (d < 0.12 ? 'GBP' : d < 0.18 ? 'USD' : 'EUR'),
  types: EXPENSE_TYPES,
  plantHolds: true,
  splitCodes: SPLIT_CCS,
  // Department from the employee; a project on client visits and sales trips (the report name says which).
  entryFields: (r, owner) => ({
    Custom2: listItem(departmentOf(owner.index)),
    ...(r % 5 === 0 || r % 5 === 3 ? { Custom3: listItem(ACTIVE_PROJECTS[Math.floor(r / 5) % ACTIVE_PROJECTS.length]!) } : {}),
  }),
};

export function demoReports(employees: readonly DemoEmployee[], count = 300, seed = 20261001, style: ReportStyle = EU_STYLE): DemoReports {
  const rnd = seeded(seed);
  const out: DemoReports = { reports: [], entries: [], allocations: [] };
  const base = Date.UTC(2026, 9, 3, 8, 0, 0);
  const planted = ['COWRK', 'WELLN', 'SUBSC'];
  const ordinary = style.types.filter((t) => !style.plantHolds || !planted.includes(t[0]));
  for (let r = 0; r < count; r++) {
    const owner = employees[r % employees.length]!;
    const id = `${style.idPrefix}${String(r + 1).padStart(5, '0')}`;
    const modified = base + r * 67 * 60_000;
    const reportCur = style.currency(rnd());
    const city = pick(rnd, CITIES);
    const nLines = 3 + Math.floor(rnd() * 5);
    let total = 0;
    for (let e = 0; e < nLines; e++) {
      // Every 9th report carries one of the two unmapped types, every 11th a software subscription.
      const forced = !style.plantHolds ? null : e === 0 && r % 9 === 4 ? (r % 2 ? 'COWRK' : 'WELLN') : e === 0 && r % 11 === 7 ? 'SUBSC' : null;
      const type = forced ? style.types.find((t) => t[0] === forced)! : pick(rnd, ordinary);
      const foreign = rnd() < 0.2;
      const txCur = foreign ? pick(rnd, Object.keys(TO_EUR).filter((c) => c !== reportCur)) : reportCur;
      const txMinor = txCur === 'JPY' ? 800 + Math.floor(rnd() * 40_000) : 650 + Math.floor(rnd() * 38_000);
      const rate = TO_EUR[txCur]! / TO_EUR[reportCur]!;
      const refund = rnd() < 0.015;
      const approvedMinor = (refund ? -1 : 1) * Math.round(major(txMinor, txCur) * rate * 10 ** DIGITS[reportCur]!);
      const isPersonal = rnd() < 0.03;
      const companyPaid = !isPersonal && rnd() < 0.2;
      const entryId = `${id}E${e + 1}`;
      const date = v3(modified - (2 + Math.floor(rnd() * 12)) * 86_400_000).slice(0, 10);
      if (!isPersonal) total += approvedMinor;
      out.entries.push({
        ID: entryId,
        ReportID: id,
        ReportOwnerID: owner.login,
        ExpenseTypeCode: type[0],
        ExpenseTypeName: type[1],
        TransactionDate: `${date}T00:00:00`,
        TransactionAmount: (refund ? -1 : 1) * major(txMinor, txCur),
        TransactionCurrencyCode: txCur,
        ExchangeRate: Number(rate.toFixed(6)),
        PostedAmount: major(approvedMinor, reportCur),
        ApprovedAmount: major(approvedMinor, reportCur),
        PaymentTypeID: companyPaid ? 'IBCP' : 'CASH',
        PaymentTypeName: companyPaid ? 'Company Paid' : 'Cash',
        VendorDescription: pick(rnd, VENDORS),
        Description: refund ? `Refund – ${type[1]} ${city}` : `${type[1]} – ${city}`,
        LocationName: city,
        IsPersonal: isPersonal,
        IsBillable: false,
        HasItemizations: false,
        LastModified: v3(modified),
        ...style.entryFields?.(r, owner),
      });
      if (!isPersonal && rnd() < 0.15) {
        const a = pick(rnd, style.splitCodes);
        const b = pick(rnd, style.splitCodes.filter((c) => c !== a));
        const [p1, p2] = rnd() < 0.5 ? [50, 50] : [60, 40];
        for (const [i, cc, pct] of [[1, a, p1], [2, b, p2]] as const) {
          out.allocations.push({ ID: `${entryId}A${i}`, EntryID: entryId, reportID: id, Percentage: pct, Custom1: { Code: cc, ListItemID: `li-${cc}`, Type: 'List', Value: cc } });
        }
      }
    }
    out.reports.push({
      ID: id,
      Name: `${city} – ${['client visit', 'workshop', 'conference', 'sales trip', 'team offsite'][r % 5]} (${owner.name})`,
      OwnerLoginID: owner.login,
      OwnerName: owner.name,
      CurrencyCode: reportCur,
      Total: major(total, reportCur),
      TotalApprovedAmount: major(total, reportCur),
      ApprovalStatusCode: 'A_APPR',
      ApprovalStatusName: 'Approved',
      PaymentStatusCode: 'P_NOTP',
      PaymentStatusName: 'Not Paid',
      CreateDate: v3(modified - 3 * 86_400_000),
      SubmitDate: v3(modified - 86_400_000),
      LastModifiedDate: v3(modified),
      PolicyID: 'NW-STD',
      LedgerName: 'Northwind FR',
    });
  }
  return out;
}
