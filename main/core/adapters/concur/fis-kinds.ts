// Recognises FIS payloads the product does not post, from their content rather than the listing they came
// in: funds reservations / obligations of Funds and Grants Integration carry an `instruction` object
// ("obligate", "fundsCheck", "release"), a `fgiRefId` on the report or request header, request entries, or
// a previous revision (SAP Concur developer center, api-reference/financial-integration/
// v4.financial-documents-schema "Obligation/Funds Reservation", v4.funds-reservation-use-cases).
// Such a payload served under the expense listing looks like a report, so the listing alone cannot tell.
import type { FisItem } from './fis-schemas';
import { obj, text } from './map-common';
import type { Obj } from './map-common';

const OBLIGATION_TYPES = new Set(['requestobligation', 'reportobligation', 'obligation']);

/** "a funds reservation (obligation, instruction "obligate")" or null when the payload is one the product posts. */
export function unsupportedKind(item: FisItem, body: Obj): string | null {
  const instruction = obj(body.instruction);
  const verb = instruction ? text(instruction.instruction) : text(body.instruction);
  if (verb) return `a funds reservation (obligation, instruction "${verb}")`;
  if (item.docType && OBLIGATION_TYPES.has(item.docType)) return `a funds reservation (${item.docType})`;
  const header = obj(body.report) ?? obj(body.requestHeader);
  if (header && text(header.fgiRefId)) return 'a funds reservation (Funds and Grants Integration obligation)';
  if (body.requestEntry !== undefined || body.previousRevisionReportHeader !== undefined || body.previousRevisionRequestHeader !== undefined) return 'a funds reservation (obligation revision)';
  return null;
}
