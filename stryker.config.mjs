// Mutation testing (StrykerJS, command runner over Node's test runner): `npm run mutation` runs every scope,
// `MLC_MUTATION_SCOPE=money npm run mutation` one of them. Each scope mutates its folder and runs only the
// tests that exercise it, so one mutant costs seconds. Not part of `npm test`: it takes tens of minutes.
import { existsSync } from 'node:fs';

const MAPPERS = (system) => [`main/core/adapters/${system}/to-remote.ts`, `main/core/adapters/${system}/from-remote.ts`];

const ENGINE = (...files) => files.map((f) => `main/core/engine/${f}.ts`);
const UNIT = (...files) => files.map((f) => `test/unit/engine/${f}.test.ts`);

export const SCOPES = {
  money: { mutate: ['main/core/money/**/*.ts'], tests: ['test/unit/money.test.ts', 'test/unit/money'] },
  engine: { mutate: ['main/core/engine/**/*.ts'], tests: ['test/unit/engine'] },
  'sage-x3': { mutate: MAPPERS('sage-x3'), tests: ['to-remote', 'from-remote', 'lookup-and-path', 'graphql-and-auth', 'mappers-edges'].map((f) => `test/unit/sage-x3/${f}.test.ts`) },
  'sage-intacct': { mutate: MAPPERS('sage-intacct'), tests: ['test/unit/sage-intacct'] },
  acumatica: { mutate: MAPPERS('acumatica'), tests: ['test/unit/acumatica'] },
  netsuite: { mutate: MAPPERS('netsuite'), tests: ['test/unit/netsuite'] },
  // Narrow engine scopes: one file group each, with only the unit tests that exercise it (a mutant in ~1-2 s).
  // Together they hold every file of main/core/engine exactly once (scripts/mutation-summary.mjs adds them up).
  'engine-deliver': { mutate: ENGINE('deliver', 'deliver-batch', 'lookup'), tests: UNIT('deliver', 'deliver-hardening', 'deliver-edges', 'deliver-retry', 'deliver-batch', 'deliver-batch-edges', 'lookup') },
  'engine-plan': { mutate: ENGINE('plan', 'mapping-lookup', 'tax-check', 'tax-lines'), tests: UNIT('plan', 'plan-hardening', 'plan-edges', 'plan-tax', 'plan-survivors', 'invoice-journal', 'tax-check', 'change-detection', 'intake-aliases', 'lookup-tax-survivors').concat('test/unit/concur/fis-booking.test.ts') },
  'engine-settle': { mutate: ENGINE('settle', 'line-account', 'text'), tests: UNIT('settle-edges', 'line-account-edges', 'plan', 'plan-hardening', 'plan-edges', 'plan-survivors', 'invoice-journal', 'change-detection', 'intake-aliases').concat('test/unit/concur/fis-booking.test.ts') },
  'engine-keys': { mutate: ENGINE('keys'), tests: UNIT('keys', 'keys-edges', 'change-detection', 'intake-aliases') },
  'engine-intake': { mutate: ENGINE('intake'), tests: UNIT('change-detection', 'intake-aliases', 'intake').concat('test/unit/changes/record-change.test.ts') },
  'engine-validate': { mutate: ENGINE('validate'), tests: UNIT('validate', 'validate-edges') },
  'engine-schedule': { mutate: ENGINE('schedule', 'window'), tests: UNIT('schedule', 'schedule-window') },
  'engine-csv': { mutate: ENGINE('csv-safe', 'mapping-csv', 'csv-dialect'), tests: UNIT('csv-safe', 'mapping-csv', 'csv-dialect') },
  'engine-races': { mutate: ENGINE('races'), tests: UNIT('races') },
  'engine-periods': { mutate: ENGINE('periods'), tests: UNIT('periods', 'periods-edges') },
  'engine-reconcile': { mutate: ['main/core/engine/reconcile/*.ts'], tests: ['test/unit/engine/reconcile'] },
  'engine-confirm': { mutate: ENGINE('confirm', 'source-holds'), tests: UNIT('confirm') },
  'engine-receipts': { mutate: ENGINE('receipts'), tests: UNIT('receipts') },
  'engine-reference': { mutate: ENGINE('reference-push', 'reference-refresh'), tests: UNIT('reference-push') },
  'engine-replay': { mutate: ENGINE('replay'), tests: UNIT('replay') },
  'engine-run': { mutate: ENGINE('sync-run'), tests: UNIT('sync-run') },
  'engine-ingest': { mutate: ENGINE('ingest-one', 'pool', 'run-budget', 'context'), tests: UNIT('ingest-one', 'pool', 'run-budget', 'context') },
};

// Without a scope: the six folders of the goal (the narrow engine-* scopes are parts of `engine`).
const DEFAULT = ['money', 'engine', 'sage-x3', 'sage-intacct', 'acumatica', 'netsuite'];
const names = (process.env.MLC_MUTATION_SCOPE ?? DEFAULT.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
for (const n of names) if (!SCOPES[n]) throw new Error(`unknown MLC_MUTATION_SCOPE "${n}" (one of ${Object.keys(SCOPES).join(', ')})`);
const chosen = names.map((n) => SCOPES[n]);
// A test path that does not exist would fail every run, and every mutant would count as killed.
for (const t of chosen.flatMap((s) => s.tests)) if (!existsSync(t)) throw new Error(`mutation scope test "${t}" does not exist`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
// eslint-disable-next-line no-restricted-syntax -- Stryker reads the config from the default export
export default {
  testRunner: 'command',
  commandRunner: { command: `node --import tsx --test-reporter=dot scripts/run-tests-in-process.mjs ${[...new Set(chosen.flatMap((s) => s.tests))].join(' ')}` },
  // MLC_MUTATION_MUTATE="file:from-to,..." re-checks only those lines (e.g. the survivors of the last run) with the scope's tests.
  mutate: process.env.MLC_MUTATION_MUTATE ? process.env.MLC_MUTATION_MUTATE.split(',').map((m) => m.trim()) : chosen.flatMap((s) => s.mutate),
  coverageAnalysis: 'off',
  concurrency: Number(process.env.MLC_MUTATION_CONCURRENCY ?? 2),
  // A mutant that loops costs this much on top of 1.5 × the baseline run; MLC_MUTATION_TIMEOUT_MS shortens it for slow scopes.
  timeoutMS: Number(process.env.MLC_MUTATION_TIMEOUT_MS ?? 60_000),
  ignorePatterns: ['dist', 'test-results', 'reports', '.stryker-tmp', 'renderer', 'playwright-report'],
  tempDirName: '.stryker-tmp',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${names.join('+')}${process.env.MLC_MUTATION_MUTATE ? `-recheck-${Date.now()}` : ''}.json` },
  thresholds: { high: 90, low: 85, break: null },
};
