// Receipts in the demo company: a receipt PDF behind every other Concur report, FIS document and invoice
// (Image v1), and behind every third Expensify expense (receiptObject.url), plus one receipt that is really
// an HTML page served as a JPEG so the demo also shows a receipt skipped with its reason. Where the ERP takes
// attachments (Acumatica files, Sage Intacct supporting documents, NetSuite File Cabinet files) they land on
// the record; elsewhere each receipt says why it was not attached.
import type { ConcurSimulator } from '../simulators/concur';
import { fisOf, imagesOf, invoicesOf } from '../simulators/concur';
import type { ExpensifySimulator } from '../simulators/expensify';
import { SAMPLE_PNG, samplePdf } from '../simulators/receipt-files';

/** The first string value of `key` anywhere in a FIS document body. */
function find(v: unknown, key: string): string | null {
  if (!v || typeof v !== 'object') return null;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (k === key && typeof x === 'string') return x;
    const inner = find(x, key);
    if (inner) return inner;
  }
  return null;
}

const NOT_A_RECEIPT = new TextEncoder().encode('<!DOCTYPE html><html><body>Session expired, please sign in</body></html>');

export function seedDemoReceipts(concur: ConcurSimulator, expensify: ExpensifySimulator | null): { concur: number; expensify: number } {
  const images = imagesOf(concur.state);
  let n = 0;
  const give = (kind: 'report' | 'invoice', id: string | null) => {
    if (!id || images.images.has(`${kind}/${id}`)) return;
    n++;
    // Every 13th receipt is a broken one: an HTML page that calls itself a JPEG.
    if (n % 13 === 0) images.attach(kind, id, { bytes: NOT_A_RECEIPT, contentType: 'image/jpeg' });
    else images.attach(kind, id, { bytes: samplePdf(`Receipts of ${kind} ${id}`) });
  };
  concur.state.reportIds().forEach((id, i) => i % 2 === 0 && give('report', id));
  [...fisOf(concur.state).docs.values()].forEach((d, i) => {
    if (i % 2 !== 0) return;
    if (d.docType === 'invoice') give('invoice', find(d.document, 'requestId'));
    else if (d.docType === 'expense') give('report', find(d.document, 'reportId'));
  });
  [...invoicesOf(concur.state).invoices.keys()].forEach((id, i) => i % 2 === 0 && give('invoice', id));

  let e = 0;
  if (expensify) {
    const files = expensify.state.receiptFiles;
    for (const r of expensify.state.reports.values()) {
      r.expenses.forEach((x, i) => {
        if (i % 3 !== 0 || x.receiptURL) return;
        e++;
        x.receiptURL = e % 2 ? files.put(`w_${x.transactionID}.png`, { bytes: SAMPLE_PNG, contentType: 'image/png' }) : files.put(`w_${x.transactionID}.pdf`, { bytes: samplePdf(`Expensify ${x.transactionID}`), contentType: 'application/pdf' });
      });
    }
  }
  return { concur: n, expensify: e };
}
