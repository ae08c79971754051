// The Sage X3 TargetAdapter: posts journals / supplier BP invoices over SOAP save (the object names and
// field codes come from the settings), looks keys up with SOAP query on the document's reference field,
// and reads reference data page by page from api1 or GraphQL. Facts: ../shared/api/sage-x3.md.
import { X3_RECEIPT_GAP } from '../../../../shared/receipt-gaps';
import type { PostingPlan } from '../../../../shared/schemas/plan';
import { x3DimensionTypes, type SageX3TargetSettings } from '../../../../shared/schemas/systems/sage-x3';
import { ConnectorError, isConnectorError } from '../../errors';
import type { AdapterContext, PostOutcome, TargetAdapter, TargetCapabilities } from '../types';
import { createX3Client } from './client';
import { documentNumberFrom, messagesToReasons, messagesToWarnings } from './from-remote';
import { duplicateMessage, findAll, findMany, findOne, removeDocument } from './lookup';
import { runX3Test } from './probe';
import { readBack } from './read-back';
import { createReferenceReader } from './reference';
import { X3_SYSTEM } from './schemas';
import { invoiceLines, planToObjectXml, targetFor, unconfiguredDimensions, X3_DESCRIPTION_MAX } from './to-remote';

/** What this connection posts and validates: the configured dimension types, one object per SOAP save. */
export function sageX3Capabilities(settings: SageX3TargetSettings): TargetCapabilities {
  return {
    postingKinds: ['journal', 'supplier_invoice'],
    dimensionTypes: x3DimensionTypes(settings).map((d) => d.name),
    // CAdxWebServiceXmlCC saves one object per call.
    maxBatch: 1,
    maxDescriptionLength: X3_DESCRIPTION_MAX,
  };
}

export function createSageX3Target(settings: SageX3TargetSettings, ctx: AdapterContext): TargetAdapter {
  const client = createX3Client(settings, ctx);
  const reference = createReferenceReader(settings, client, ctx);

  return {
    system: 'sage-x3',
    // No documented web service (SOAP pools, REST/GraphQL) attaches a file to a journal or invoice (api/sage-x3.md).
    attachmentsUnsupported: X3_RECEIPT_GAP,
    capabilities: sageX3Capabilities(settings),

    test: () => runX3Test(settings, client, reference),

    readReference: () => reference.read(),

    /**
     * Wire shape: `query(callContext, publicName, objectKeys=[{key: <reference field>, value: K}], listSize)`,
     * the CAdxParamKeyValue criterion Sage's samples use for SOHNUM, once per key of the plan; the
     * answer's resultXml lists the matching documents as LIN rows, from which the number field is read.
     */
    findExisting: (plan: PostingPlan) => findOne(client, ctx, settings, plan),

    findExistingMany: (plans) => findMany(client, ctx, settings, plans),
    readBack: (q) => readBack(client, settings, q),

    // Where X3 itself refuses a repeated reference, a second install's post is refused and linked instead.
    ...(settings.uniqueReference ? {} : { findAllExisting: (plans: readonly PostingPlan[]) => findAll(client, ctx, settings, plans), removeDuplicate: (erpId: string, plan: PostingPlan) => removeDocument(client, settings, plan, erpId) }),

    async post(plan: PostingPlan): Promise<PostOutcome> {
      const stray = unconfiguredDimensions(plan, settings);
      if (stray.length) {
        const names = x3DimensionTypes(settings).map((d) => d.name).join(', ');
        return {
          status: 'rejected',
          reasons: stray.map((d) => ({ code: 'DIMENSION_UNKNOWN' as const, message: `Dimension type "${d.type}" (value ${d.value}) is not configured for this Sage X3 connection (it has ${names}): add it to "Dimension types" or remove it from the mappings`, subject: `${d.type}:${d.value}`, ...(d.lineId ? { lineId: d.lineId } : {}) })),
        };
      }
      const t = targetFor(plan, settings);
      const objectXml = planToObjectXml(plan, settings);
      const result = await client.soap('save', t.publicName, { objectXml }, true);
      if (result.status === 1) {
        let erpId: string;
        try {
          erpId = documentNumberFrom(result.resultXml, t.numberField);
        } catch (e) {
          // Saved, but we cannot tell which number: the outbox's findExisting will recover it.
          throw isConnectorError(e) ? e : new ConnectorError('REMOTE_PROTOCOL', 'Sage X3 saved the document but its answer could not be read', { system: X3_SYSTEM, uncertain: true, cause: e });
        }
        return { status: 'posted', erpId, warnings: messagesToWarnings(result.messages) };
      }
      const duplicate = duplicateMessage(result.messages, plan, t.referenceField);
      if (duplicate) return { status: 'duplicate', message: `Sage X3 refused ${plan.idempotencyKey} as already there: ${duplicate}` };
      // X3 numbers grid rows from 1 in the order sent.
      const sent = plan.kind === 'supplier_invoice' ? invoiceLines(plan).map((l) => l.line) : plan.lines;
      const byLine = new Map(sent.map((l, i) => [i + 1, l.sourceLineId ?? undefined]));
      return { status: 'rejected', reasons: messagesToReasons(result.messages, (n) => byLine.get(n)) };
    },
  };
}
