// Northwind's Expensify workspace, posted to the same Sage X3 folder: one journal entry per approved report,
// one line per expense, dated with the latest expense date. Coworking and Wellness are left unmapped so the
// mapping grid shows them before the first sync; three bad reports are held with their reasons.
import type { ConnectionInput } from '../../shared/schemas/connection';
import type { Mapping } from '../../shared/schemas/mapping';
import type { ExpensifyDemoSummary, ExpensifySimulator } from '../simulators/expensify';
import { createExpensifySimulator, EXPENSIFY_DEMO_PARTNER, seedExpensifyDemo } from '../simulators/expensify';
import { employees } from './catalog';
import { DEMO_X3_ACCOUNTS, demoDefaults, demoRules, demoX3Target, taxMappings } from './connection-parts';

export const EXPENSIFY_CONNECTION_ID = 'demo-expensify-x3';

/** The demo runs several jobs a minute (pull, categories, export mark): a roomier window than the documented one. */
const DEMO_RATE = [{ requests: 30, windowMs: 10_000 }];

export function createDemoExpensify(): { sim: ExpensifySimulator; summary: ExpensifyDemoSummary } {
  const sim = createExpensifySimulator({ rateLimits: DEMO_RATE });
  const summary = seedExpensifyDemo(sim.state, { employees: employees().slice(0, 10).map((e) => ({ email: e.login, name: e.name })) });
  return { sim, summary };
}

export function expensifyConnection(expensifyUrl: string, x3Url: string, x3User: string): ConnectionInput {
  return {
    id: EXPENSIFY_CONNECTION_ID,
    name: 'Northwind demo: Expensify → Sage X3',
    source: { system: 'expensify', baseUrl: expensifyUrl, partnerUserId: EXPENSIFY_DEMO_PARTNER.partnerUserID, startDate: '2026-10-01', endDate: '2026-12-31', reportStates: 'APPROVED,REIMBURSED', policyIds: [], exportLabel: 'ml-connector', tagDimension: { tag: 'costCenter' }, rateLimits: DEMO_RATE },
    target: demoX3Target(x3Url, x3User),
    rules: demoRules(DEMO_X3_ACCOUNTS, ['costCenter'], 'latest_expense_date'),
    // Expensify's rate limits call for a longer backoff than the other demo connections.
    ...demoDefaults(),
    retry: { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 15_000, pauseAfterAuthFailures: 3 },
    concurrency: 2,
  };
}

/** Categories with a GL code in Expensify are mapped; the two without stay unmapped. Employees → their X3 supplier. */
export function expensifyMappings(summary: ExpensifyDemoSummary): Mapping[] {
  return [
    ...summary.categories.filter((c) => c.glCode).map((c) => ({ kind: 'expense_type' as const, sourceCode: c.name, sourceName: c.name, target: c.glCode, dimensions: {} })),
    ...employees().slice(0, 10).map((e) => ({ kind: 'employee' as const, sourceCode: e.login, sourceName: e.name, target: e.index === 17 ? 'V-EMP17' : e.vendor, dimensions: {} })),
    // Expensify's tax rate ids to the X3 folder's VAT codes; Expensify has no reclaim split, so the Swiss hotel
    // VAT is marked never reclaimed here and stays in the hotel expense.
    ...taxMappings([['id_FR20', 'TVA 20%', 'FRS', '445660'], ['id_FR10', 'TVA 10%', 'FRI', '445660'], ['id_FR55', 'TVA 5.5%', 'FRR', '445660']]),
    { kind: 'tax_code' as const, sourceCode: 'id_CH_HOTEL', sourceName: 'MWST Hotel 3.8%', target: 'FRN', dimensions: { recoverable: 'no' } },
  ];
}
