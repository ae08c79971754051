// PURE: NetSuite accounting periods over SuiteQL. The accountingperiod record's closed / allLocked / apLocked /
// arLocked flags, start and end dates, and isYear / isQuarter / isAdjust are documented in the Records Browser
// (https://system.netsuite.com/help/helpcenter/en_US/srbrowser/Browser2026_1/schema/record/accountingperiod.html);
// SuiteQL column names are those fields in lower case (inferred from the Analytics browser convention the other
// look-ups use). Year and quarter rows span months and adjustment periods overlap them: both are left out.
// Dates are asked as TO_CHAR(…, 'YYYY-MM-DD') so the user's date-format preference cannot change them (inferred:
// SuiteQL is Oracle-SQL based and TO_CHAR is an Oracle function; our notes do not list SuiteQL's functions).
import type { ErpPeriod } from '../../../../shared/schemas/period';
import { isTrue } from './reference';

export const PERIOD_QUERY =
  "SELECT id, periodname, TO_CHAR(startdate, 'YYYY-MM-DD') AS startdate, TO_CHAR(enddate, 'YYYY-MM-DD') AS enddate, closed, alllocked, aplocked, arlocked FROM accountingperiod WHERE isyear = 'F' AND isquarter = 'F' AND isadjust = 'F' ORDER BY startdate";

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** One SuiteQL row as a period; null when its dates are missing or not ISO (never guessed). */
export function periodRow(row: Record<string, unknown>): ErpPeriod | null {
  const [start, end] = [text(row.startdate), text(row.enddate)];
  if (!ISO.test(start) || !ISO.test(end) || end < start) return null;
  return { start, end, name: text(row.periodname), closed: isTrue(row.closed), allLocked: isTrue(row.alllocked), apLocked: isTrue(row.aplocked), arLocked: isTrue(row.arlocked) };
}
