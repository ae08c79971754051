// Receipts as Intacct supporting documents ("attachments"), developer.intacct.com/api/company-console/attachments:
// create_supdoc (supdocid, supdocname, supdocfoldername, attachments/attachment with attachmentname,
// attachmenttype = file extension, attachmentdata = base64), update_supdoc to add files to one, and
// `get object="supdoc" key=<supdocid>` to read one. A record holds ONE supporting document, linked by SUPDOCID
// (APBILL / GLBATCH field lists, api/sage-intacct.md). The post never waits for it: the link is set after
// posting by an `update` of the record's SUPDOCID (documented for APBILL; for GLBATCH inferred from its field list).
// Duplicate-proof: the supdocid derives from the posting's key, so an attempt whose answer was lost finds the
// supporting document (and its file) on the next try and only links it; it is never created twice.
import { createHash } from 'node:crypto';
import type { PostingPlan } from '../../../../shared/schemas/plan';
import { ConnectorError } from '../../errors';
import type { AttachmentPort, ReceiptFile } from '../types';
import type { XmlNode } from '../xml';
import type { IntacctClient } from './client';
import { fieldOf } from './envelope';
import { errorsText } from './errors';
import { INTACCT_SYSTEM, type IntacctFunction, type IntacctResult } from './schemas';
import { objectFor } from './to-remote';
import { receiptBaseName } from '../../receipts/file-name';

/** The attachment folder receipts go to; it must exist in the company (create_supdoc names an existing folder). */
export const RECEIPT_FOLDER = 'Receipts';

/** The supporting document id of a posting: "MLC" + 17 hex of SHA-256(key) (20 chars; the id's maximum length is inferred). */
export function supdocIdFor(idempotencyKey: string): string {
  return `MLC${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 17).toUpperCase()}`;
}

const sys = { system: INTACCT_SYSTEM } as const;

function mustSucceed(result: IntacctResult | undefined, what: string, write: boolean): IntacctResult {
  if (!result) throw new ConnectorError('REMOTE_PROTOCOL', `Sage Intacct gave no result for ${what}`, { ...sys, retryable: true, uncertain: write });
  if (result.status !== 'success') throw new ConnectorError('VALIDATION_REJECTED', `Sage Intacct refused ${what}: ${errorsText(result.errors) || 'no reason given'}`, { ...sys, retryable: false });
  return result;
}

interface Supdoc {
  id: string;
  files: Array<{ name: string; type: string }>;
}

const asList = (v: unknown): XmlNode[] => (Array.isArray(v) ? (v as XmlNode[]) : v && typeof v === 'object' ? [v as XmlNode] : []);

export function intacctAttachments(client: IntacctClient): AttachmentPort {
  async function readSupdoc(id: string): Promise<Supdoc | null> {
    const fn: IntacctFunction = { controlId: `get-supdoc`, body: { get: { '@_object': 'supdoc', '@_key': id } } };
    const r = mustSucceed((await client.run([fn], { write: false })).results[0], `the read of supporting document ${id}`, false);
    const row = r.data?.rows[0];
    if (!row || fieldOf(row, 'supdocid') !== id) return null;
    const files = asList((row.attachments as XmlNode | undefined)?.attachment).map((a) => ({ name: fieldOf(a, 'attachmentname'), type: fieldOf(a, 'attachmenttype') }));
    return { id, files };
  }

  async function linkedId(erpId: string, plan: PostingPlan): Promise<string> {
    const object = objectFor(plan);
    const fn: IntacctFunction = { controlId: 'get-supdocid', body: { query: { select: { field: ['RECORDNO', 'SUPDOCID'] }, object, filter: { equalto: { field: 'RECORDNO', value: erpId } }, pagesize: '1' } } };
    const r = mustSucceed((await client.run([fn], { write: false })).results[0], `the read of ${object} ${erpId}`, false);
    const row = r.data?.rows[0];
    if (!row) throw new ConnectorError('NOT_FOUND', `Sage Intacct has no ${object} ${erpId} to attach the receipt to`, { ...sys, retryable: false });
    return fieldOf(row, 'SUPDOCID');
  }

  const attachmentNode = (file: ReceiptFile, base: string) => ({ attachmentname: base, attachmenttype: file.name.slice(base.length + 1), attachmentdata: Buffer.from(file.bytes).toString('base64') });

  async function write(fn: IntacctFunction, what: string): Promise<void> {
    mustSucceed((await client.run([fn], { write: true })).results[0], what, true);
  }

  return {
    // Found only when the file is in the posting's supporting document AND the record is linked to it;
    // anything short of that goes through attach(), whose every step is safe to repeat.
    async findAttached(erpId, plan, baseName) {
      const id = supdocIdFor(plan.idempotencyKey);
      const doc = await readSupdoc(id);
      if (!doc?.files.some((f) => f.name === baseName)) return null;
      return (await linkedId(erpId, plan)) === id ? `${id}/${baseName}` : null;
    },
    async attach(erpId, plan, file) {
      const id = supdocIdFor(plan.idempotencyKey);
      const object = objectFor(plan);
      const base = receiptBaseName(file.name);
      // A record carries one supporting document: one attached in Intacct by someone else is never replaced
      // (the accountant's own attachment would silently lose its link); the receipt fails with the reason.
      const linked = await linkedId(erpId, plan);
      if (linked !== '' && linked !== id) {
        throw new ConnectorError('CONFLICT', `${object} ${erpId} already carries supporting document ${linked} (attached in Sage Intacct); the receipt was not attached, so that link is kept`, { ...sys, retryable: false });
      }
      const doc = await readSupdoc(id);
      const stamp = `${id}-${base}`.slice(0, 60);
      if (!doc) {
        await write({ controlId: `supdoc-${stamp}`, body: { create_supdoc: { supdocid: id, supdocname: `Receipts ${plan.sourceId}`.slice(0, 100), supdocfoldername: RECEIPT_FOLDER, supdocdescription: `Receipts of ${plan.idempotencyKey}`, attachments: { attachment: attachmentNode(file, base) } } } }, `the supporting document ${id} (${file.name})`);
      } else if (!doc.files.some((f) => f.name === base)) {
        await write({ controlId: `supdoc-add-${stamp}`, body: { update_supdoc: { supdocid: id, attachments: { attachment: attachmentNode(file, base) } } } }, `the file ${file.name} on supporting document ${id}`);
      }
      if (linked !== id) {
        await write({ controlId: `supdoc-link-${stamp}`, body: { update: { [object]: { RECORDNO: erpId, SUPDOCID: id } } } }, `the link of ${object} ${erpId} to supporting document ${id}`);
      }
      return { erpFileRef: `${id}/${base}`, where: `supporting document ${id}, file ${file.name}, linked by SUPDOCID on ${object} ${erpId}` };
    },
  };
}
