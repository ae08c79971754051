// Period status read at the end of a reference refresh. A failed period read never fails the refresh: the
// rows are left out (no opinion, the ERP's own PERIOD_CLOSED refusal still guards every post) and the
// accountant is told in the audit trail why validation cannot hold closed-period documents before sending.
import type { ErpPeriod } from '../../../shared/schemas/period';
import { periodToReference } from '../../../shared/schemas/period';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import type { AdapterContext } from './types';

export async function* periodItems(read: () => Promise<ErpPeriod[]>, ctx: AdapterContext, erp: string): AsyncGenerator<ReferenceItem[]> {
  let periods: ErpPeriod[];
  try {
    periods = await read();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    ctx.logger.warn('period status not read', { erp, error: why });
    ctx.note({ action: 'fetch', outcome: 'periods_unread', message: `${erp}: the period status could not be read (${why}); documents in closed periods are caught when ${erp} refuses them` });
    return;
  }
  if (periods.length) yield periods.map(periodToReference);
}
