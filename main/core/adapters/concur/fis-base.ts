// The parts every FIS-based SourceDocument shares (sourceId = FIS document id, meta for acknowledge and
// confirm); the variant mappers fill in the rest.
import type { DocumentKind, SourceDocument, SourceProblem } from '../../../../shared/schemas/document';
import type { ConcurFisDocType } from '../../../../shared/schemas/systems/concur';
import type { FisItem } from './fis-schemas';

export const FIS_KIND: Record<ConcurFisDocType, DocumentKind> = { expense: 'expense_report', invoice: 'invoice', cashadvance: 'cash_advance', payroll: 'payroll' };

export function fisBase(item: FisItem, docType: ConcurFisDocType, problems: SourceProblem[]): SourceDocument {
  const meta: Record<string, string> = { fisDocId: item.id, docType };
  if (item.companyId) meta.companyId = item.companyId;
  if (item.entityId) meta.entityId = item.entityId;
  if (item.docStatus) meta.docStatus = item.docStatus;
  return { sourceSystem: 'concur', ...(item.companyUuid ? { tenant: item.companyUuid } : {}), kind: FIS_KIND[docType], sourceId: item.id, version: '1', title: '', currency: null, documentDate: null, employee: null, vendor: null, invoiceNumber: null, lines: [], problems, meta };
}

