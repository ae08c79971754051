// Receipt settings of a connection: on/off, the largest receipt in MB and the file types taken; a problem is
// said next to its field and keeps the form from saving (nothing is rounded or dropped silently).
import { receiptGap } from '../../../shared/receipt-gaps';
import type { ConnectionInput } from '../../../shared/schemas/connection';
import { RECEIPT_TYPES } from '../../../shared/schemas/receipt';
import { MAX_MB, MIN_MB, RECEIPT_TYPE_LABEL, receiptFormProblems, type ReceiptForm } from './receipt-settings-form';

export function ReceiptSettingsFields({ form, target, onChange }: { form: ReceiptForm; target: ConnectionInput['target']; onChange(f: ReceiptForm): void }) {
  const problems = receiptFormProblems(form);
  // The same text each skipped receipt will carry, said here before the first sync.
  const gap = receiptGap(target);
  return (
    <fieldset aria-label="Receipts">
      <legend>Receipts</legend>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="f-receipts-enabled">Attach receipts to posted documents</label>
          <input id="f-receipts-enabled" type="checkbox" checked={form.enabled} onChange={(e) => onChange({ ...form, enabled: e.target.checked })} />
          <small className={gap && form.enabled ? 'warn-text' : 'muted'}>{gap ? `${gap}; each receipt will say so.` : 'fetched from the source after each post and attached in the ERP; a receipt never holds up a post'}</small>
        </div>
        <div className="field">
          <label htmlFor="f-receipts-maxmb">Largest receipt (MB)</label>
          <input id="f-receipts-maxmb" inputMode="decimal" value={form.maxMb} disabled={!form.enabled} aria-invalid={problems.maxMb ? true : undefined} aria-describedby="f-receipts-maxmb-msg" onChange={(e) => onChange({ ...form, maxMb: e.target.value })} />
          <small id="f-receipts-maxmb-msg" className={problems.maxMb ? 'bad-text' : 'muted'} role={problems.maxMb ? 'alert' : undefined}>
            {problems.maxMb ?? `${MIN_MB} to ${MAX_MB} MB; a larger receipt is skipped with its size`}
          </small>
        </div>
        <div className="field" role="group" aria-labelledby="f-receipts-types-label">
          <span id="f-receipts-types-label">File types taken</span>
          <div className="checks">
            {RECEIPT_TYPES.map((t) => (
              <label key={t}>
                <input type="checkbox" checked={form.types.includes(t)} disabled={!form.enabled} onChange={(e) => onChange({ ...form, types: e.target.checked ? [...form.types, t] : form.types.filter((x) => x !== t) })} /> {RECEIPT_TYPE_LABEL[t]}
              </label>
            ))}
          </div>
          <small className={problems.types ? 'bad-text' : 'muted'} role={problems.types ? 'alert' : undefined}>
            {problems.types ?? 'judged on the file itself, not on what the source calls it'}
          </small>
        </div>
      </div>
    </fieldset>
  );
}
