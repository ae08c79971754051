// Receipts on NetSuite transactions, over SuiteTalk SOAP (the only documented upload besides SuiteScript):
// 1. upsert of a File record (name, folder, content base64, attachFrom _computer) under an external id derived
//    from the posting key and the receipt, so a repeat after a lost answer updates the same file, never a second;
// 2. SOAP attach (AttachBasicReference: attachTo = the journal entry / vendor bill / vendor credit, attachedRecord
//    = the file). SOAP rather than REST !attach: the upload already needs SOAP and its token-based credentials,
//    and REST !attach exists only from NetSuite 2026.1 while SOAP attach works on every SOAP endpoint;
// 3. update of the file's description to "attached to <type> <id>": the File record has no field naming the
//    records it is attached to, and no documented REST or SuiteQL read of that relation was found, so the file
//    carries the mark itself. findAttached (SOAP get by external id) trusts a file only when it has the mark; a
//    file uploaded but not marked goes through all three steps again. Inferred: attaching a file already
//    attached to the record leaves one attachment (the relation is a set), so a crash between 2 and 3 is safe.
import type { PostingPlan } from '../../../../shared/schemas/plan';
import { ConnectorError } from '../../errors';
import type { AttachmentPort, TestStep } from '../types';
import { NETSUITE_SYSTEM } from './schemas';
import type { SoapClient } from './soap-client';
import { attachedMark, NETSUITE_FILE_MAX_BYTES, buildAttach, buildFileDescriptionUpdate, buildFileGet, buildFolderGet, buildFileUpsert, receiptExternalId, recordField, type SoapResult } from './soap';
import { recordTypeFor } from './to-remote';
import { receiptBaseName } from '../../receipts/file-name';

const sys = { system: NETSUITE_SYSTEM } as const;

/** RCRD_DSNT_EXIST: the answer of a get for a record that does not exist. */
const isMissing = (r: SoapResult) => r.kind === 'refused' && r.details.some((d) => d.code === 'RCRD_DSNT_EXIST');

/** NetSuite's own words for a refusal: each status detail's code and message. */
const refusalText = (r: Extract<SoapResult, { kind: 'refused' }>): string => r.details.map((d) => `${d.code}: ${d.message}`).join('; ');

function mustSucceed(r: SoapResult, what: string): { internalId: string } {
  if (r.kind === 'ok') return r;
  const text = r.kind === 'refused' ? refusalText(r) : `${r.code}: ${r.message}`;
  throw new ConnectorError('VALIDATION_REJECTED', `NetSuite refused ${what}: ${text || 'no reason given'}`, { ...sys, retryable: false });
}

/** The file's name in the File Cabinet: the receipt's name plus a short tag of the posting (names are unique per folder). */
export function cabinetName(fileName: string, externalId: string): string {
  const dot = fileName.lastIndexOf('.');
  const [base, ext] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
  return `${base}-${externalId.slice(5, 13)}${ext}`;
}

export function netsuiteAttachments(soap: SoapClient, folderId: string): AttachmentPort {
  return {
    async findAttached(erpId: string, plan: PostingPlan, baseName: string) {
      const externalId = receiptExternalId(plan.idempotencyKey, baseName);
      const r = await soap.call('get', (p) => buildFileGet(p, externalId), false);
      if (isMissing(r)) return null;
      if (r.kind !== 'ok') mustSucceed(r, `the look-up of file ${externalId}`);
      return r.kind === 'ok' && recordField(r.record, 'description').includes(attachedMark(recordTypeFor(plan), erpId)) ? r.internalId : null;
    },
    async attach(erpId, plan, file) {
      // The File Cabinet's documented limit: refused here, before uploading bytes NetSuite would refuse.
      if (file.bytes.byteLength > NETSUITE_FILE_MAX_BYTES) {
        throw new ConnectorError('VALIDATION_REJECTED', `The receipt ${file.name} is ${file.bytes.byteLength} bytes; the NetSuite File Cabinet takes files up to 10 MB`, { ...sys, retryable: false });
      }
      const type = recordTypeFor(plan);
      const externalId = receiptExternalId(plan.idempotencyKey, receiptBaseName(file.name));
      const name = cabinetName(file.name, externalId);
      const base = `Receipt of ${plan.idempotencyKey}`;
      const up = mustSucceed(await soap.call('upsert', (p) => buildFileUpsert(p, { externalId, name, folderId, bytes: file.bytes, description: base }), true), `the upload of ${file.name} to File Cabinet folder ${folderId}`);
      mustSucceed(await soap.call('attach', (p) => buildAttach(p, { type, internalId: erpId }, up.internalId), true), `the attachment of file ${up.internalId} to ${type} ${erpId}`);
      // The receipt is on the record now: a refused mark is said, never turned into a failure (a lost answer
      // still throws, and the retry's look-up finds no mark and repeats the safe steps).
      const mark = await soap.call('update', (p) => buildFileDescriptionUpdate(p, up.internalId, `${base}; ${attachedMark(type, erpId)}`), true);
      const unmarked = mark.kind === 'ok' ? '' : `; NetSuite refused the mark on its description (${mark.kind === 'refused' ? mark.details.map((d) => d.code).join(', ') : mark.code}), so a later look-up would not recognise it`;
      return { erpFileRef: up.internalId, where: `file ${name} (id ${up.internalId}) in File Cabinet folder ${folderId}, attached to ${type} ${erpId}${unmarked}` };
    },
  };
}

/** The connection test's receipts step: the SOAP sign-in (token-based) and the receipt folder, by reading the folder. */
export async function checkReceiptFolder(soap: SoapClient, folderId: string): Promise<TestStep> {
  try {
    const r = await soap.call('get', (p) => buildFolderGet(p, folderId), false);
    if (r.kind === 'ok') return { step: 'receipts', ok: true, message: `SOAP sign-in (token-based) works; receipts go to File Cabinet folder ${folderId}${recordField(r.record, 'name') ? ` (${recordField(r.record, 'name')})` : ''}` };
    if (isMissing(r)) return { step: 'receipts', ok: false, message: `File Cabinet folder ${folderId} does not exist (or the role cannot see it): receipts would be refused` };
    return { step: 'receipts', ok: false, message: mustSucceedText(r) };
  } catch (e) {
    return { step: 'receipts', ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

const mustSucceedText = (r: SoapResult): string => (r.kind === 'refused' ? `NetSuite refused the read of the receipt folder: ${refusalText(r)}` : r.kind === 'fault' ? r.message : '');
