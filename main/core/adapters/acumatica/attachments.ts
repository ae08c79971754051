// Receipts as files on the Acumatica record. Contract-based REST API (Acumatica help "Attach a File to a
// Record", i.e. PUT <endpoint>/<Entity>/<key fields>/files/<file name> with the raw bytes; 204 No Content):
// bills are addressed by Type and ReferenceNbr (Bill/Bill/<nbr>), journal transactions by Module and BatchNbr
// (JournalTransaction/GL/<nbr>). The record's files are listed by GET <record>?$expand=files, each with
// id, filename and href. Inferred: the listed filename is "<screen caption>\<file name>", so the name is
// compared on its last segment; a PUT of a name already on the record adds a revision, not a second file.
import type { PostingPlan } from '../../../../shared/schemas/plan';
import { ConnectorError } from '../../errors';
import type { AttachmentPort } from '../types';
import type { AcumaticaClient } from './client';
import { ACUMATICA_SYSTEM } from './schemas';
import { receiptBaseName } from '../../receipts/file-name';

export function recordKeyPath(plan: PostingPlan, erpId: string): string {
  const nbr = encodeURIComponent(erpId);
  return plan.kind === 'supplier_invoice' ? `Bill/Bill/${nbr}` : `JournalTransaction/GL/${nbr}`;
}

interface AcuFile {
  id: string;
  filename: string;
}

function filesOf(record: Record<string, unknown>): AcuFile[] {
  const files = Array.isArray(record.files) ? (record.files as unknown[]) : [];
  return files.flatMap((f) => {
    if (!f || typeof f !== 'object') return [];
    const o = f as Record<string, unknown>;
    return typeof o.id === 'string' && typeof o.filename === 'string' ? [{ id: o.id, filename: o.filename }] : [];
  });
}

const lastSegment = (name: string) => name.split(/[\\/]/).pop() ?? name;

export function acumaticaAttachments(client: AcumaticaClient): AttachmentPort {
  async function findAttached(erpId: string, plan: PostingPlan, baseName: string): Promise<string | null> {
    const path = recordKeyPath(plan, erpId);
    const record = await client.getRecord(path, { $expand: 'files', $select: plan.kind === 'supplier_invoice' ? 'ReferenceNbr' : 'BatchNbr' });
    if (!record) throw new ConnectorError('NOT_FOUND', `Acumatica has no ${path} to attach the receipt to`, { system: ACUMATICA_SYSTEM, retryable: false });
    const hit = filesOf(record).find((f) => lastSegment(f.filename).startsWith(`${baseName}.`));
    return hit ? hit.id : null;
  }
  return {
    findAttached,
    async attach(erpId, plan, file) {
      const path = recordKeyPath(plan, erpId);
      const res = await client.putFile(path, file.name, file.bytes, file.mime);
      if (res.status >= 300) {
        const detail = res.text.replace(/\s+/g, ' ').slice(0, 300);
        throw new ConnectorError(res.status === 404 ? 'NOT_FOUND' : 'VALIDATION_REJECTED', `Acumatica refused the receipt ${file.name} on ${path} (HTTP ${res.status}${detail ? `: ${detail}` : ''})`, { system: ACUMATICA_SYSTEM, httpStatus: res.status, retryable: false });
      }
      // 204 carries no id: the record's file list names it.
      const id = await findAttached(erpId, plan, receiptBaseName(file.name));
      return { erpFileRef: id ?? file.name, where: `file ${file.name} on ${path.replace(/\/[^/]+$/, '')} ${erpId}` };
    },
  };
}
