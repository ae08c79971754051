// Simulators must read the wire with their own code: a simulator that imported the product's schemas,
// mappers, XML helpers, endpoint paths, field-code defaults or money tables would agree with every
// mistake the product makes (1500 ISK sent as "15.00" passed while both read ISK as a 2-decimal
// currency). Every import under main/simulators must be a Node built-in, a declared npm dependency, or
// another file inside main/simulators.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { simExponent, simMinorFromText } from '../../main/simulators/iso4217';

const HERE = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(HERE), '../..');
const SIMS = join(ROOT, 'main', 'simulators');
const DEPENDENCIES = new Set(Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {}));
const BUILTINS = new Set(builtinModules);

/**
 * Simulators another branch is making independent in parallel (Sage Intacct, NetSuite); the lead removes
 * an entry once that branch is merged, and from then on its simulator is held to the same rule.
 */
const PENDING_ELSEWHERE = new Set<string>();

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name)) out.push(p);
  }
  return out;
}

/** Every module specifier a file names: static imports, re-exports, `import()` and `require()`. */
function specifiers(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** Why a specifier is not allowed in a simulator file, or null when it is. */
function violation(file: string, spec: string): string | null {
  if (spec.startsWith('node:') || BUILTINS.has(spec)) return null;
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const target = resolve(dirname(file), spec);
    return target === SIMS || target.startsWith(SIMS + sep) ? null : `reaches outside main/simulators (${relative(ROOT, target)})`;
  }
  const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
  return DEPENDENCIES.has(pkg) ? null : `"${pkg}" is not a declared npm dependency`;
}

const simulators = readdirSync(SIMS).filter((n) => statSync(join(SIMS, n)).isDirectory());

test('the scan finds every simulator and each one has source files', () => {
  for (const name of ['acumatica', 'concur', 'concur-webhooks', 'expensify', 'netsuite', 'sage-intacct', 'sage-x3']) assert.ok(simulators.includes(name), name);
  assert.ok(sourceFiles(join(SIMS, 'sage-x3')).length > 3);
});

test('the rule itself: the product core and shared schemas are refused, built-ins, dependencies and sibling files pass', () => {
  const f = join(SIMS, 'sage-x3', 'soap.ts');
  assert.match(violation(f, '../../core/adapters/xml') ?? '', /outside main\/simulators \(main\/core\/adapters\/xml\)/);
  assert.match(violation(f, '../../../shared/schemas/systems/sage-x3') ?? '', /outside/);
  assert.match(violation(f, '../../core/money/currency') ?? '', /outside/);
  assert.match(violation(f, 'left-pad') ?? '', /not a declared npm dependency/);
  assert.equal(violation(f, 'node:http'), null);
  assert.equal(violation(f, 'crypto'), null);
  assert.equal(violation(f, 'fast-xml-parser'), null);
  assert.equal(violation(f, '../loopback'), null);
  assert.equal(violation(f, './wire'), null);
  assert.deepEqual(specifiers(HERE).filter((s) => s === 'typescript'), ['typescript']);
});

for (const sim of simulators.concat('(shared helpers)')) {
  const dir = sim === '(shared helpers)' ? SIMS : join(SIMS, sim);
  const files = sim === '(shared helpers)' ? readdirSync(SIMS).map((n) => join(SIMS, n)).filter((p) => statSync(p).isFile() && /\.ts$/.test(p)) : sourceFiles(dir);
  test(`simulator ${sim} imports nothing of the product`, { todo: PENDING_ELSEWHERE.has(sim) ? 'made independent on another branch; remove from PENDING_ELSEWHERE after the merge' : false }, () => {
    const bad = files.flatMap((file) => specifiers(file).flatMap((spec) => {
      const why = violation(file, spec);
      return why ? [`${relative(ROOT, file)}: '${spec}' ${why}`] : [];
    }));
    assert.deepEqual(bad, []);
  });
}

test('the simulators keep their own currency table: ISK has no decimals, so "15.00" ISK is refused', () => {
  assert.equal(simExponent('ISK'), 0);
  assert.equal(simExponent('JPY'), 0);
  assert.equal(simExponent('KWD'), 3);
  assert.equal(simExponent('CLF'), 4);
  assert.equal(simExponent('EUR'), 2);
  assert.equal(simExponent('XAU'), undefined);
  assert.deepEqual(simMinorFromText('1500', 'ISK'), { ok: true, minor: 1500 });
  assert.equal(simMinorFromText('15.00', 'ISK').ok, false);
  assert.deepEqual(simMinorFromText('-12.345', 'BHD'), { ok: true, minor: -12345 });
  assert.equal(simMinorFromText('1e3', 'USD').ok, false);
});
