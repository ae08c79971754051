// Fuzz: the mapping CSV reader and the config-file import take any bytes a user may hand them — they accept,
// or refuse with a one-line error; exports read back to the same rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { importConfig } from '../../main/cli/config-import';
import { CliError } from '../../main/cli/call';
import { decodeTextFile } from '../../main/core/engine/csv-safe';
import { csvToMappings, mappingsToCsv } from '../../main/core/engine/mapping-csv';
import { createHeadlessCore } from '../../main/host/headless-core';
import { tempDir } from '../helpers/temp-dir';
import { TEST_KEY } from '../helpers/world';
import { FUZZ, hostileText, survives } from './fuzz';

const SAMPLE_CSV = '\uFEFFkind,source_code,source_name,target,costCenter\nexpense_type,MEALS,"Meals, business",625100,CC100\nemployee,jdoe,Zoë,V-JDOE,\n';

test('fuzz: any text or bytes as a mapping CSV is read or refused with a ConnectorError', () => {
  fc.assert(fc.property(hostileText(SAMPLE_CSV), (text) => survives(() => csvToMappings(text))), FUZZ);
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => survives(() => csvToMappings(decodeTextFile(bytes)))), FUZZ);
});

test('fuzz: exported mappings (formulas, quotes, newlines, unicode) read back to the same rows', () => {
  const cell = fc.string({ maxLength: 12 }).map((s) => s.trim()).filter((s) => !s.startsWith("'"));
  const rowArb = fc.record({ kind: fc.constantFrom('expense_type' as const, 'employee' as const), sourceCode: cell.filter((s) => s.length > 0), sourceName: cell, target: cell, cc: cell });
  fc.assert(
    fc.property(fc.uniqueArray(rowArb, { selector: (r) => `${r.kind}|${r.sourceCode}`, maxLength: 8 }), (rows) => {
      const mappings = rows.map((r) => ({ kind: r.kind, sourceCode: r.sourceCode, sourceName: r.sourceName, target: r.target, dimensions: (r.cc ? { costCenter: r.cc } : {}) as Record<string, string> }));
      const csv = mappingsToCsv(mappings.map((m) => ({ ...m, connectionId: 'c', updatedAt: '', updatedBy: '', unmapped: false })), ['costCenter']);
      assert.deepEqual(csvToMappings(csv), mappings);
    }),
    FUZZ,
  );
});

test('fuzz: any text as a config file is imported or refused with a CliError', async (t) => {
  const { core } = createHeadlessCore({ dataDir: tempDir(t), env: { MLC_SECRET_KEY: TEST_KEY } });
  t.after(() => core.close());
  const sample = JSON.stringify({ connections: [{ id: 'acme', name: 'Acme', source: { system: 'concur', tokenUrl: 'https://us2.api.concursolutions.com', clientId: 'c', username: 'u', startDate: '2026-01-01' }, target: { system: 'sage-x3', serverUrl: 'https://x3.example', folder: 'F', poolAlias: 'P', username: 'U', company: 'C', site: 'S' }, rules: { liabilityAccount: '1', cardClearingAccount: '2' }, secretsFromEnv: { 'target.password': 'X3_PW' } }] });
  await fc.assert(
    fc.asyncProperty(hostileText(sample), async (text) => {
      try {
        await importConfig(core, text, {});
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
      }
    }),
    FUZZ,
  );
});
