// Files attached to records (contract-based REST: PUT <endpoint>/<Entity>/<keys>/files/<name>, raw bytes,
// 204 No Content; GET <record>?$expand=files lists {id, filename, href}). Bills are keyed Type/ReferenceNbr,
// journal transactions Module/BatchNbr. Inferred from the product's settings (System > File Upload
// Preferences, SM202550): a size limit and an allowed-extensions list, refused with a PXException.
import { randomUUID } from 'node:crypto';
import { httpError, json, type SimAnswer } from './auth';
import type { AcumaticaSimState, SimRecord } from './state';

export interface SimFile {
  id: string;
  name: string;
  size: number;
  contentType: string;
  revisions: number;
}

export interface FileRules {
  maxBytes: number;
  extensions: Set<string>;
}

export const DEFAULT_FILE_RULES: FileRules = { maxBytes: 25 * 1024 * 1024, extensions: new Set(['pdf', 'jpg', 'jpeg', 'png', 'tif', 'tiff', 'gif', 'txt', 'csv', 'xlsx', 'docx']) };

const files = new WeakMap<AcumaticaSimState, Map<string, SimFile[]>>();
export function filesOf(state: AcumaticaSimState): Map<string, SimFile[]> {
  let m = files.get(state);
  if (!m) files.set(state, (m = new Map()));
  return m;
}

const CAPTION: Record<SimRecord['entity'], string> = { Bill: 'Bills and Adjustments', JournalTransaction: 'Journal Transactions' };

/** The record a key path names: Bill/<Type>/<ReferenceNbr> or JournalTransaction/<Module>/<BatchNbr>. */
export function recordByKeys(state: AcumaticaSimState, entity: string, keys: string[]): SimRecord | null {
  if (entity !== 'Bill' && entity !== 'JournalTransaction') return null;
  if (keys.length !== 2) return null;
  const [first = '', nbr = ''] = keys.map(decodeURIComponent);
  return state.records(entity).find((r) => r.number === nbr && (entity === 'Bill' ? r.type === first : first === 'GL')) ?? null;
}

export function listedFiles(state: AcumaticaSimState, rec: SimRecord, endpointPath: string): Array<{ id: string; filename: string; href: string }> {
  return (filesOf(state).get(rec.id) ?? []).map((f) => ({ id: f.id, filename: `${CAPTION[rec.entity]} (${rec.type}, ${rec.number})\\${f.name}`, href: `${endpointPath}/files/${f.id}` }));
}

export function putFile(state: AcumaticaSimState, rec: SimRecord, rawName: string, bytes: Buffer, contentType: string, rules: FileRules): SimAnswer {
  const name = decodeURIComponent(rawName);
  if (!name || /[\\/:*?"<>|]/.test(name)) return httpError(400, `The file name '${name}' is not valid.`, 'PX.Data.PXException');
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  if (!rules.extensions.has(ext)) return httpError(500, `The file type '.${ext}' is not allowed. Contact your system administrator.`, 'PX.Data.PXException');
  if (bytes.byteLength > rules.maxBytes) return httpError(500, `The file exceeds the maximum allowed size of ${Math.floor(rules.maxBytes / 1024)} KB.`, 'PX.Data.PXException');
  const list = filesOf(state).get(rec.id) ?? [];
  const same = list.find((f) => f.name === name);
  // The same name again is a new revision of that file, not a second file.
  if (same) Object.assign(same, { size: bytes.byteLength, contentType, revisions: same.revisions + 1 });
  else list.push({ id: randomUUID(), name, size: bytes.byteLength, contentType, revisions: 1 });
  filesOf(state).set(rec.id, list);
  return { status: 204, headers: {}, body: '' };
}

export const recordWithFiles = (state: AcumaticaSimState, rec: SimRecord, endpointPath: string): SimAnswer =>
  json(200, { id: rec.id, [rec.entity === 'Bill' ? 'ReferenceNbr' : 'BatchNbr']: { value: rec.number }, Type: { value: rec.type }, files: listedFiles(state, rec, endpointPath) });
