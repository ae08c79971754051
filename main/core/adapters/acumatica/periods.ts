// PURE: Acumatica financial periods. GET FinancialPeriod?$expand=Details on the Default contract-based endpoint:
// the entity (FinancialYear, Details) and its detail fields (FinancialPeriodID, StartDate, EndDate, Status,
// ClosedInAP, AdjustmentPeriod, Description) are the Default 20.200.001 model in Acumatica's own REST client
// (Acumatica/AcumaticaRESTAPIClientForCSharp, Model/FinancialPeriod.cs and FinancialPeriodDetail.cs) and
// FinancialPeriod is listed in Default 23.200.001 (../shared/api/acumatica.md §4). Inferred, not documented: the
// Status texts (Inactive / Open / Closed / Locked, as on the Master Financial Calendar form), EndDate being the
// period's last day (inclusive), and that Inactive, Closed and Locked all refuse GL postings.
import type { ErpPeriod } from '../../../../shared/schemas/period';
import { boolOf, textOf } from './from-remote';
import type { AcuEntity } from './schemas';

export const PERIOD_QUERY = { entity: 'FinancialPeriod', query: { $expand: 'Details' } } as const;

/** Acumatica dates come as ISO date-times ("2026-11-01T00:00:00+00:00"): the day part. */
const day = (v: string): string => (/^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : '');

/** One Details row as a period; null without usable dates, and for adjustment periods (they overlap a month). */
export function periodDetail(row: AcuEntity): ErpPeriod | null {
  const [start, end] = [day(textOf(row, 'StartDate')), day(textOf(row, 'EndDate'))];
  if (!start || !end || end < start || boolOf(row, 'AdjustmentPeriod', false)) return null;
  const status = textOf(row, 'Status').trim().toLowerCase();
  return { start, end, name: textOf(row, 'FinancialPeriodID') || textOf(row, 'Description'), closed: status !== 'open', allLocked: status === 'locked', apLocked: boolOf(row, 'ClosedInAP', false), arLocked: false };
}

/** Every period of every financial year in the answer, oldest first. */
export function yearsToPeriods(years: readonly AcuEntity[]): ErpPeriod[] {
  const out: ErpPeriod[] = [];
  for (const y of years) for (const d of Array.isArray(y.Details) ? (y.Details as AcuEntity[]) : []) {
    const p = periodDetail(d);
    if (p) out.push(p);
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}
