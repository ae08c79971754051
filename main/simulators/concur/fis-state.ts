// Simulator FIS state (reach it with fisOf(sim.state)): documents per company and docType with the state
// machine READY -> ACKNOWLEDGED -> POSTING_CONFIRMED_SUCCESS / _FAILURE, processor recall and re-queue,
// and the wire switches (envelope, document as string, links) the adapter must cope with.
import type { SimState } from './state';

export type SimFisDocType = 'expense' | 'invoice' | 'cashadvance' | 'payroll';
export type SimFisStatus = 'READY' | 'ACKNOWLEDGED' | 'POSTING_CONFIRMED_SUCCESS' | 'POSTING_CONFIRMED_FAILURE';

export interface SimFisDoc {
  id: string;
  docType: SimFisDocType;
  /** Concur company UUID (the token's company). */
  companyUuid: string;
  entityId: string;
  status: SimFisStatus;
  recalled: boolean;
  document: Record<string, unknown>;
  systemId: string | null;
  /** The last posting confirmation received, as sent. */
  confirmation: Record<string, unknown> | null;
  order: number;
}

export class FisState {
  /** current = {content, page, links}; legacy = {fIDocuments, offset, nextPage, numberReturned}. */
  envelope: 'current' | 'legacy' = 'current';
  /** `document` as an embedded JSON string (true) or as an object. */
  documentAsString = true;
  /** Current envelope only: send links (rel=next ...) or only the page block. */
  includeLinks = true;
  /** The next N confirmation items answer 199 SYSTEM_ERROR_OCCURRED. */
  systemErrors = 0;
  readonly docs = new Map<string, SimFisDoc>();
  private seq = 0;

  add(companyUuid: string, d: { id: string; docType: SimFisDocType; document: Record<string, unknown>; entityId?: string }): void {
    this.docs.set(d.id, { entityId: `p${companyUuid.replace(/-/g, '').slice(0, 10)}`, ...d, companyUuid, status: 'READY', recalled: false, systemId: null, confirmation: null, order: this.seq++ });
  }

  must(id: string): SimFisDoc {
    const d = this.docs.get(id);
    if (!d) throw new Error(`unknown FIS document ${id}`);
    return d;
  }

  status(id: string): SimFisStatus | 'RECALLED' {
    const d = this.must(id);
    return d.recalled ? 'RECALLED' : d.status;
  }

  /** A processor recalls the document (e.g. after "Financial Posting Failed"): acknowledge/confirm now fail. */
  recall(id: string): void {
    this.must(id).recalled = true;
  }

  /** The fixed document re-enters the queue as READY. */
  requeue(id: string): void {
    Object.assign(this.must(id), { recalled: false, status: 'READY', confirmation: null, order: this.seq++ });
  }

  /** READY, not recalled documents of one company and type, in queue order. */
  ready(companyUuid: string, docType: string): SimFisDoc[] {
    return [...this.docs.values()].filter((d) => d.companyUuid === companyUuid && d.docType === docType && d.status === 'READY' && !d.recalled).sort((a, b) => a.order - b.order);
  }
}

const states = new WeakMap<SimState, FisState>();

export function fisOf(state: SimState): FisState {
  let s = states.get(state);
  if (!s) states.set(state, (s = new FisState()));
  return s;
}
