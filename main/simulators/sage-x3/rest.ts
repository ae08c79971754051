// The simulator's api1 list endpoints: /api1/x3/erp/<folder>/<CLASS>?representation=<CLASS>.$query,
// `count` page size, keyset paging (key=gt.<code>) exposed through $links.$next.$url.
import type { SageX3SimState } from './state';

export interface RestConfig {
  representations: { account: string; supplier: string; costCenter: string };
  defaultCount: number;
  maxCount: number;
}

export interface RestReply {
  status: number;
  json: unknown;
}

const yesNo = (b: boolean) => (b ? 2 : 1); // X3 local menu "No/Yes"

const diagnose = (status: number, message: string): RestReply => ({ status, json: { $diagnoses: [{ $severity: 'error', $message: message }] } });

export function handleRest(url: URL, origin: string, state: SageX3SimState, cfg: RestConfig): RestReply {
  const m = /^\/api1\/x3\/erp\/([^/]+)\/([^/?]+)$/.exec(url.pathname);
  if (!m) return diagnose(404, `No api1 resource at ${url.pathname}`);
  const [, folder = '', cls = ''] = m.map(decodeURIComponent);
  if (folder !== state.folder) return diagnose(404, `Endpoint ${folder} not found`);
  const r = cfg.representations;
  let rows: Array<Record<string, unknown>>;
  if (cls === r.account) rows = [...state.accounts.values()].map((a) => ({ ACC: a.code, DES: a.name, ENAFLG: yesNo(a.active) }));
  else if (cls === r.supplier) rows = [...state.suppliers.values()].map((s) => ({ BPSNUM: s.code, BPSNAM: s.name, ENAFLG: yesNo(s.active) }));
  else if (cls === r.costCenter) rows = [...state.costCenters.values()].map((c) => ({ DIE: c.type, CCE: c.code, DES: c.name, ENAFLG: yesNo(c.active) }));
  else return diagnose(404, `Class ${cls} not found`);
  if (url.searchParams.get('representation') !== `${cls}.$query`) return diagnose(400, `Representation ${url.searchParams.get('representation') ?? ''} is not a $query of ${cls}`);

  // Dimension keys are composite (DIE~CCE), as api1 joins composite keys with ~.
  const codeOf = (row: Record<string, unknown>) => (row.DIE !== undefined ? `${String(row.DIE)}~${String(row.CCE)}` : String(row.ACC ?? row.BPSNUM));
  rows.sort((a, b) => (codeOf(a) < codeOf(b) ? -1 : codeOf(a) > codeOf(b) ? 1 : 0));
  const count = Math.min(cfg.maxCount, Math.max(1, Number(url.searchParams.get('count')) || cfg.defaultCount));
  const after = /^gt\.(.*)$/.exec(url.searchParams.get('key') ?? '')?.[1];
  const start = after === undefined ? 0 : rows.findIndex((row) => codeOf(row) > after);
  const page = start < 0 ? [] : rows.slice(start, start + count);
  const links: Record<string, unknown> = {};
  const last = page[page.length - 1];
  if (last && start + count < rows.length) {
    const next = new URL(url.pathname + url.search, origin);
    next.searchParams.set('count', String(count));
    next.searchParams.set('key', `gt.${codeOf(last)}`);
    links.$next = { $url: next.toString(), $type: 'application/json; vnd.sage=syracuse', $method: 'GET' };
  }
  return { status: 200, json: { $itemsPerPage: count, $resources: page.map((row) => ({ $uuid: `${cls}~${codeOf(row)}`, ...row })), $links: links } };
}
