// A small reader of the `engines.node` ranges npm packages declare (>=, >, <, <=, ^, ~, x/* wildcards, bare
// versions, spaces meaning AND, || meaning OR): enough to check a lock file offline without semver.
type V = [number, number, number];

const parse = (s: string): { v: V; parts: number } => {
  const nums = s.replace(/^v/, '').split('.').filter((p) => p !== '' && p !== 'x' && p !== 'X' && p !== '*').map(Number);
  return { v: [nums[0] ?? 0, nums[1] ?? 0, nums[2] ?? 0], parts: nums.length };
};
const cmp = (a: V, b: V): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
const bump = (v: V, at: number): V => (at === 0 ? [v[0] + 1, 0, 0] : at === 1 ? [v[0], v[1] + 1, 0] : [v[0], v[1], v[2] + 1]);

function satisfiesOne(v: V, token: string): boolean {
  const m = /^(>=|<=|>|<|\^|~|=)?\s*(.*)$/.exec(token.trim())!;
  const op = m[1] ?? '';
  const body = m[2]!;
  if (body === '*' || body === '' || body === 'x') return true;
  const { v: t, parts } = parse(body);
  switch (op) {
    case '>=': return cmp(v, t) >= 0;
    case '>': return cmp(v, t) > 0;
    case '<=': return cmp(v, t) <= 0;
    case '<': return cmp(v, t) < 0;
    case '^': return cmp(v, t) >= 0 && cmp(v, bump(t, t[0] > 0 ? 0 : t[1] > 0 ? 1 : 2)) < 0;
    case '~': return cmp(v, t) >= 0 && cmp(v, bump(t, parts >= 2 ? 1 : 0)) < 0;
    default: return cmp(v, t) >= 0 && (parts >= 3 ? cmp(v, t) === 0 : cmp(v, bump(t, parts - 1)) < 0);
  }
}

/** True when `version` (e.g. "20.19.0") is inside `range`. */
export function satisfiesRange(version: string, range: string): boolean {
  const v = parse(version).v;
  return range.split('||').some((alt) => alt.trim().replace(/(>=|<=|>|<|\^|~|=)\s+/g, '$1').split(/\s+/).every((tok) => satisfiesOne(v, tok)));
}

/** The lowest version a `>=X.Y[.Z]` range admits. */
export function minimumOf(range: string): string {
  const m = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(range.trim());
  if (!m) throw new Error(`expected a ">=X.Y" range, got "${range}"`);
  return parse(m[1]!).v.join('.');
}
