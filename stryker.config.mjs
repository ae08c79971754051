// Mutation testing (StrykerJS, command runner over Node's test runner): `npm run mutation` runs every scope,
// `MLC_MUTATION_SCOPE=money npm run mutation` one of them. Each scope mutates its folder and runs only the
// tests that exercise it, so one mutant costs seconds. Not part of `npm test`: it takes tens of minutes.
const MAPPERS = (system) => [`main/core/adapters/${system}/to-remote.ts`, `main/core/adapters/${system}/from-remote.ts`];

const SCOPES = {
  money: { mutate: ['main/core/money/**/*.ts'], tests: ['test/unit/money.test.ts', 'test/unit/money'] },
  engine: { mutate: ['main/core/engine/**/*.ts'], tests: ['test/unit/engine'] },
  'sage-x3': { mutate: MAPPERS('sage-x3'), tests: ['to-remote', 'from-remote', 'lookup-and-path', 'graphql-and-auth'].map((f) => `test/unit/sage-x3/${f}.test.ts`) },
  'sage-intacct': { mutate: MAPPERS('sage-intacct'), tests: ['test/unit/sage-intacct'] },
  acumatica: { mutate: MAPPERS('acumatica'), tests: ['test/unit/acumatica'] },
  netsuite: { mutate: MAPPERS('netsuite'), tests: ['test/unit/netsuite'] },
};

const names = (process.env.MLC_MUTATION_SCOPE ?? Object.keys(SCOPES).join(',')).split(',').map((s) => s.trim()).filter(Boolean);
for (const n of names) if (!SCOPES[n]) throw new Error(`unknown MLC_MUTATION_SCOPE "${n}" (one of ${Object.keys(SCOPES).join(', ')})`);
const chosen = names.map((n) => SCOPES[n]);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
// eslint-disable-next-line no-restricted-syntax -- Stryker reads the config from the default export
export default {
  testRunner: 'command',
  commandRunner: { command: `node --import tsx --test-reporter=dot scripts/run-tests-in-process.mjs ${[...new Set(chosen.flatMap((s) => s.tests))].join(' ')}` },
  mutate: chosen.flatMap((s) => s.mutate),
  coverageAnalysis: 'off',
  concurrency: Number(process.env.MLC_MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 60_000,
  ignorePatterns: ['dist', 'test-results', 'reports', '.stryker-tmp', 'renderer', 'playwright-report'],
  tempDirName: '.stryker-tmp',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${names.join('+')}.json` },
  thresholds: { high: 90, low: 85, break: null },
};
