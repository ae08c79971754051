// Adds up the Stryker JSON reports in reports/mutation/ (full runs and re-checks of narrow scopes) into one
// figure per file and one for a folder. A mutant is known by file, place, mutator and replacement; when
// several reports hold it, the newest report's verdict wins (a re-check after new tests replaces the old
// "survived"). Usage: node scripts/mutation-summary.mjs [folder=main/core/engine] [--survivors]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const DIR = 'reports/mutation';
const args = process.argv.slice(2);
const showSurvivors = args.includes('--survivors');
const folder = (args.find((a) => !a.startsWith('--')) ?? 'main/core/engine').replace(/\/$/, '') + '/';

const reports = (existsSync(DIR) ? readdirSync(DIR) : [])
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: join(DIR, f), mtime: statSync(join(DIR, f)).mtimeMs }))
  .sort((a, b) => a.mtime - b.mtime);
if (reports.length === 0) console.error(`No report in ${DIR}: run a scope first (MLC_MUTATION_SCOPE=engine-deliver npm run mutation).`);

/** key -> { file, status, line, mutator, replacement } with the newest report last. */
const mutants = new Map();
for (const { file } of reports) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  for (const [path, entry] of Object.entries(json.files ?? {})) {
    // Paths are taken relative to the report's own project root, so reports made in another checkout (a worktree) count too.
    const root = json.projectRoot ?? process.cwd();
    const rel = relative(root, isAbsolute(path) ? path : join(root, path)).split('\\').join('/');
    if (!rel.startsWith(folder)) continue;
    for (const m of entry.mutants ?? []) {
      const { start, end } = m.location;
      const key = `${rel}:${start.line}:${start.column}-${end.line}:${end.column}:${m.mutatorName}:${m.replacement ?? ''}`;
      mutants.set(key, { file: rel, status: m.status, line: start.line, mutator: m.mutatorName, replacement: m.replacement ?? '', from: file });
    }
  }
}

const STATUSES = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'RuntimeError', 'Ignored'];
const blank = () => Object.fromEntries(STATUSES.map((s) => [s, 0]));
const perFile = new Map();
const all = blank();
for (const m of mutants.values()) {
  if (!perFile.has(m.file)) perFile.set(m.file, blank());
  perFile.get(m.file)[m.status]++;
  all[m.status]++;
}
// Stryker's score: detected (killed + timeout) over valid mutants (detected + survived + no coverage).
const score = (c) => {
  const valid = c.Killed + c.Timeout + c.Survived + c.NoCoverage;
  return valid === 0 ? '   n/a' : `${((100 * (c.Killed + c.Timeout)) / valid).toFixed(1).padStart(5)}%`;
};
const row = (name, c) => `${name.padEnd(48)} ${String(c.Killed).padStart(6)} ${String(c.Timeout).padStart(7)} ${String(c.Survived).padStart(8)} ${String(c.NoCoverage).padStart(6)}  ${score(c)}`;

console.log(`${'file'.padEnd(48)} ${'killed'.padStart(6)} ${'timeout'.padStart(7)} ${'survived'.padStart(8)} ${'no-cov'.padStart(6)}   score`);
for (const [file, c] of [...perFile].sort(([a], [b]) => a.localeCompare(b))) console.log(row(file.slice(folder.length), c));
console.log(row(`ALL of ${folder} (${perFile.size} files)`, all));
console.log(`from ${reports.length} report(s), newest verdict per mutant`);

const sources = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name).split('\\').join('/')] : []));
const files = sources(folder);
const unmeasured = files.filter((f) => !perFile.has(f));
if (unmeasured.length) console.log(`not measured yet (${unmeasured.length}): ${unmeasured.map((f) => f.slice(folder.length)).join(', ')}`);
if (folder === 'main/core/engine/') {
  // The config reads its scope when imported: the default one loads without side effects.
  delete process.env.MLC_MUTATION_SCOPE;
  const { SCOPES } = await import(pathToFileURL(join(process.cwd(), 'stryker.config.mjs')).href);
  const owners = new Map(files.map((f) => [f, []]));
  for (const [name, scope] of Object.entries(SCOPES)) {
    if (!name.startsWith('engine-')) continue;
    for (const m of scope.mutate) {
      const re = new RegExp(`^${m.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '(?:.*/)?').replace(/\*/g, '[^/]*')}$`);
      for (const f of files) if (re.test(f)) owners.get(f).push(name);
    }
  }
  const wrong = [...owners].filter(([, o]) => o.length !== 1);
  if (wrong.length) {
    for (const [f, o] of wrong) console.log(`scope problem: ${f} is in ${o.length ? o.join(', ') : 'no narrow scope'}`);
    process.exitCode = 1;
  } else console.log(`every one of the ${files.length} engine files is in exactly one narrow engine-* scope`);
}
if (showSurvivors) {
  for (const m of [...mutants.values()].filter((x) => x.status === 'Survived' || x.status === 'NoCoverage').sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)) {
    console.log(`${m.status === 'Survived' ? 'S' : 'N'} ${m.file}:${m.line} ${m.mutator} -> ${m.replacement.replace(/\s+/g, ' ').slice(0, 80)}`);
  }
}
