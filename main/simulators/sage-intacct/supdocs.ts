// Supporting documents ("attachments") of the simulated company, after developer.intacct.com/api/company-console/attachments:
// create_supdoc (supdocid, supdocname, supdocfoldername required, supdocdescription, attachments/attachment with
// attachmentname, attachmenttype = extension, attachmentdata = base64), update_supdoc (adds files), get of
// object supdoc by key, and the `update` of an APBILL / GLBATCH that sets its SUPDOCID.
// Inferred (not in the public page): the error numbers and texts, the size limit (a simulator setting), the
// list of accepted extensions, and that a GLBATCH update may carry only RECORDNO and SUPDOCID.
import type { SageIntacctSimState, RecordObject } from './state';
import { child, elements, list, text, simError, type Node, type SimError } from './wire';

export interface SimSupdoc {
  id: string;
  name: string;
  folder: string;
  description: string;
  files: Array<{ name: string; type: string; data: string }>;
}

type Out = { ok: true; data?: Node; key?: string } | { ok: false; errors: SimError[] };

const bad = (errorno: string, description2: string, correction = ''): Out => ({ ok: false, errors: [simError(errorno, description2, correction)] });

/** Extensions a supporting document takes (inferred: common document and image types). */
export const SUPDOC_TYPES = new Set(['pdf', 'jpg', 'jpeg', 'png', 'gif', 'tif', 'tiff', 'bmp', 'txt', 'csv', 'doc', 'docx', 'xls', 'xlsx']);

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function filesOf(state: SageIntacctSimState, fn: Node): { ok: true; files: SimSupdoc['files'] } | { ok: false; out: Out } {
  const files: SimSupdoc['files'] = [];
  for (const a of list<Node>(child(fn, 'attachments')?.attachment)) {
    const unknown = elements(a).map(([k]) => k).find((k) => !['attachmentname', 'attachmenttype', 'attachmentdata'].includes(k));
    if (unknown) return { ok: false, out: bad('BL01001973', `Unknown element '${unknown}' in attachment.`) };
    const name = text(a.attachmentname).trim();
    const type = text(a.attachmenttype).trim();
    const data = text(a.attachmentdata).replace(/\s+/g, '');
    if (!name) return { ok: false, out: bad('BL01001973', 'attachmentname is required.') };
    if (!SUPDOC_TYPES.has(type)) return { ok: false, out: bad('BL01001973', `Attachment type '${type}' of '${name}' is not supported.`, 'Use the file extension of a supported document or image type.') };
    if (!data || !BASE64.test(data)) return { ok: false, out: bad('BL01001973', `attachmentdata of '${name}' is not base64.`) };
    const bytes = Buffer.from(data, 'base64').byteLength;
    if (bytes > state.maxAttachmentBytes) return { ok: false, out: bad('BL01001973', `Attachment '${name}' is ${bytes} bytes; the limit is ${state.maxAttachmentBytes} bytes.`) };
    files.push({ name, type, data });
  }
  return { ok: true, files };
}

export function createSupdoc(state: SageIntacctSimState, fn: Node): Out {
  const allowed = ['supdocid', 'supdocname', 'supdocfoldername', 'supdocdescription', 'attachments'];
  const unknown = elements(fn).map(([k]) => k).find((k) => !allowed.includes(k));
  if (unknown) return bad('XL03000003', `XML Parse schema error: element '${unknown}' is not allowed in create_supdoc.`);
  const id = text(fn.supdocid).trim();
  const name = text(fn.supdocname).trim();
  const folder = text(fn.supdocfoldername).trim();
  // No attachment autonumbering in the simulated company, so supdocid is required (as the docs say then).
  if (!id) return bad('BL01001973', 'supdocid is required: attachment autonumbering is not configured.');
  if (!name) return bad('XL03000003', 'XML Parse schema error: supdocname is required.');
  if (!folder) return bad('XL03000003', 'XML Parse schema error: supdocfoldername is required.');
  if (state.supdocs.has(id)) return bad('BL01001973', `Attachment ID '${id}' already exists.`, 'Use a different supdocid.');
  if (!state.supdocFolders.has(folder)) return bad('BL01001973', `Attachment folder '${folder}' does not exist.`);
  const files = filesOf(state, fn);
  if (!files.ok) return files.out;
  state.supdocs.set(id, { id, name, folder, description: text(fn.supdocdescription).trim(), files: files.files });
  return { ok: true, key: id };
}

export function updateSupdoc(state: SageIntacctSimState, fn: Node): Out {
  const id = text(fn.supdocid).trim();
  const doc = state.supdocs.get(id);
  if (!doc) return bad('BL01001973', `Attachment ID '${id}' does not exist.`);
  const files = filesOf(state, fn);
  if (!files.ok) return files.out;
  doc.files.push(...files.files);
  return { ok: true, key: id };
}

export function getSupdoc(state: SageIntacctSimState, fn: Node): Out {
  const key = text(fn['@_key']).trim();
  const doc = state.supdocs.get(key);
  if (!doc) return { ok: true, data: { '@_listtype': 'supdoc', '@_count': '0' } };
  const row = { supdocid: doc.id, supdocname: doc.name, folder: doc.folder, description: doc.description, attachments: { attachment: doc.files.map((f) => ({ attachmentname: f.name, attachmenttype: f.type, attachmentdata: f.data })) } };
  return { ok: true, data: { '@_listtype': 'supdoc', '@_count': '1', supdoc: row } };
}

/** `update` of APBILL / GLBATCH: here only the SUPDOCID link of a posted record. */
export function updateRecord(state: SageIntacctSimState, object: string, node: Node): Out {
  if (object !== 'APBILL' && object !== 'GLBATCH') return bad('BL01001973', `Object '${object}' cannot be updated here.`);
  const fields = elements(node).map(([k]) => k);
  const other = fields.find((k) => k !== 'RECORDNO' && k !== 'SUPDOCID');
  if (other) return bad('BL01001973', `The simulator updates only SUPDOCID of a ${object}; '${other}' was sent.`);
  const recordNo = text(node.RECORDNO).trim();
  const rec = state.find(object as RecordObject, 'RECORDNO', recordNo)[0];
  if (!rec) return bad('BL01001973', `${object} with RECORDNO '${recordNo}' does not exist.`);
  const supdocId = text(node.SUPDOCID).trim();
  if (supdocId && !state.supdocs.has(supdocId)) return bad('BL01001973', `Attachment ID '${supdocId}' does not exist.`, 'Create the attachment with create_supdoc first.');
  rec.fields.SUPDOCID = supdocId;
  return { ok: true, data: { '@_listtype': 'objects', '@_count': '1', [object.toLowerCase()]: { RECORDNO: rec.recordNo } } };
}
