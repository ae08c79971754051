// Reading an answer's body under a size cap, so a hostile or broken server cannot exhaust memory: the cap is
// counted on the decompressed bytes as they arrive (a small gzip bomb is stopped at the cap, not after
// inflating it all), and a declared Content-Length over the cap is refused before reading anything.
import { ConnectorError } from '../errors';

const MB = 1024 * 1024;

/** Caps per kind of answer. JSON and XML pages from the ERPs and sources stay far below these. */
export const ANSWER_CAPS = { json: 32 * MB, xml: 64 * MB, csv: 64 * MB, other: 8 * MB } as const;
export type AnswerKind = keyof typeof ANSWER_CAPS;

export function answerKind(contentType: string | null): AnswerKind {
  const t = (contentType ?? '').toLowerCase();
  if (t.includes('json')) return 'json';
  if (t.includes('xml')) return 'xml';
  if (t.includes('csv')) return 'csv';
  return 'other';
}

export class AnswerTooLarge extends ConnectorError {}

function tooLarge(system: string, capBytes: number, kind: AnswerKind, uncertain: boolean): AnswerTooLarge {
  return new AnswerTooLarge('REMOTE_PROTOCOL', `${system} sent a ${kind === 'other' ? '' : `${kind.toUpperCase()} `}answer larger than ${capBytes >= MB ? `${Math.round(capBytes / MB)} MB` : `${Math.round(capBytes / 1024)} KiB`}, which is refused`, { system, retryable: false, uncertain });
}

/** The body as text, or AnswerTooLarge once more than `capBytes` arrived (or were declared). */
export async function readCappedText(res: Response, system: string, capBytes: number | undefined, uncertain: boolean): Promise<string> {
  const kind = answerKind(res.headers.get('content-type'));
  const cap = capBytes ?? ANSWER_CAPS[kind];
  const declared = Number(res.headers.get('content-length'));
  // A compressed body's Content-Length is the compressed size: only a plain one can be refused up front.
  if (!res.headers.get('content-encoding') && Number.isFinite(declared) && declared > cap) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(system, cap, kind, uncertain);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(system, cap, kind, uncertain);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks, total));
}
