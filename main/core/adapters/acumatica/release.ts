// Optional release of a created bill: POST Bill/ReleaseBill answers 202 with a Location to poll (202 while
// running, 204 when done). The bill is already recorded by then, so a failed or slow release is a warning
// for the accountant (release it on screen AP301000), never a reason to post the bill again.
import type { AcumaticaTargetSettings } from '../../../../shared/schemas/systems/acumatica';
import type { AdapterContext } from '../types';
import type { AcumaticaClient } from './client';
import { httpErrorText } from './errors';
import { actionBody, BILL_TYPE } from './to-remote';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Releases bill `referenceNbr`; returns warnings (empty when it was released). */
export async function releaseBill(client: AcumaticaClient, settings: AcumaticaTargetSettings, ctx: AdapterContext, referenceNbr: string): Promise<string[]> {
  const failed = (why: string) => [`Bill ${referenceNbr} was created but not released: ${why}; release it in Acumatica`];
  try {
    const answer = await client.action('Bill', 'ReleaseBill', actionBody({ Type: BILL_TYPE, ReferenceNbr: referenceNbr }));
    if (answer.status === 204 || answer.status === 200) return [];
    if (answer.status !== 202) return failed(`HTTP ${answer.status}${answer.text ? ` ${httpErrorText(answer.text)}` : ''}`);
    if (!answer.location) return failed('Acumatica accepted the release without a Location to follow');
    const deadline = ctx.clock.now().getTime() + settings.releaseTimeoutMs;
    while (ctx.clock.now().getTime() < deadline) {
      await ctx.clock.sleep(settings.releasePollMs, ctx.signal);
      const status = await client.poll(answer.location);
      if (status === 204 || status === 200) return [];
      // Busy or briefly unavailable: the operation runs on; ask again at the next poll.
      if (status === 429 || status === 503) continue;
      if (status !== 202) return failed(`the release ended with HTTP ${status}`);
    }
    return failed(`still running after ${Math.round(settings.releaseTimeoutMs / 1000)} s`);
  } catch (e) {
    return failed(messageOf(e));
  }
}
