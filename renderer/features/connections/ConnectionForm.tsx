// Settings form of one connection (no secrets here): fields come from connection-fields.ts.
import { useState } from 'react';
import type { ConnectionInput } from '../../../shared/schemas/connection';
import { useMlcMutation } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import type { Field } from './connection-fields';
import { getPath, SECTIONS, setPath } from './connection-fields';
import { EndpointVersionField } from './EndpointVersionField';
import { receiptFormOf, receiptFormProblems, receiptSettingsOf, type ReceiptForm } from './receipt-settings-form';
import { ReceiptSettingsFields } from './ReceiptSettingsFields';

export function ConnectionForm({ initial, isNew, onSaved, onChange }: { initial: ConnectionInput; isNew: boolean; onSaved(id: string): void; onChange?(draft: ConnectionInput): void }) {
  const [draft, setDraftState] = useState(initial);
  const setDraft = (fn: (d: ConnectionInput) => ConnectionInput) =>
    setDraftState((d) => {
      const next = fn(d);
      onChange?.(next);
      return next;
    });
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const save = useMlcMutation('connections.save');
  const [receipts, setReceipts] = useState<ReceiptForm>(() => receiptFormOf(initial.receipts));
  const receiptsInvalid = receipts.enabled && Object.keys(receiptFormProblems(receipts)).length > 0;
  const changeReceipts = (f: ReceiptForm) => {
    setReceipts(f);
    // Off is saved as off whatever the other two say; on is saved only once it is valid (the button waits).
    if (!f.enabled) setDraft((d) => ({ ...d, receipts: { ...(d.receipts ?? receiptSettingsOf({ ...f, maxMb: '10', types: ['pdf', 'jpeg', 'png'] })), enabled: false } }));
    else if (Object.keys(receiptFormProblems(f)).length === 0) setDraft((d) => ({ ...d, receipts: receiptSettingsOf(f) }));
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSavedAt(null);
    if (receiptsInvalid) return;
    save.mutate(draft, {
      onSuccess: (c) => {
        setSavedAt(new Date().toLocaleTimeString());
        onSaved(c.id);
      },
    });
  };
  return (
    <form className="form" onSubmit={submit} aria-label="Connection settings">
      {SECTIONS.map((section) => (
        <fieldset key={section.title}>
          <legend>{section.title}</legend>
          <div className="form-grid">
            {section.fields
              .filter((f) => !f.when || f.when(draft))
              .map((f) =>
                f.path === 'target.endpointVersion' && draft.target.system === 'acumatica' ? (
                  <EndpointVersionField key={f.path} target={draft.target} connectionId={isNew ? null : draft.id} hint={f.hint} onChange={(name, version) => setDraft((d) => setPath(setPath(d, 'target.endpointName', name), 'target.endpointVersion', version))} />
                ) : (
                  <FieldInput key={f.path} field={f} value={getPath(draft, f.path)} disabled={f.path === 'id' && !isNew} onChange={(v) => setDraft((d) => setPath(d, f.path, v))} />
                ),
              )}
          </div>
        </fieldset>
      ))}
      <ReceiptSettingsFields form={receipts} target={draft.target} onChange={changeReceipts} />
      <ErrorBanner error={save.error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending || receiptsInvalid}>
          {save.isPending ? 'Saving…' : isNew ? 'Create connection' : 'Save settings'}
        </button>
        {savedAt ? <span className="ok-text" role="status">Saved at {savedAt}</span> : null}
      </div>
    </form>
  );
}

function FieldInput({ field: f, value, disabled, onChange }: { field: Field; value: unknown; disabled: boolean; onChange(v: unknown): void }) {
  const id = `f-${f.path.replace(/\./g, '-')}`;
  let control;
  if (f.type === 'select')
    control = (
      <select id={id} value={String(value ?? '')} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {f.options?.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    );
  else if (f.type === 'list')
    control = <input id={id} value={Array.isArray(value) ? value.join(', ') : ''} disabled={disabled} onChange={(e) => onChange(e.target.value.split(',').map((s) => s.trim()).filter(Boolean))} />;
  else if (f.type === 'boolean') control = <input id={id} type="checkbox" checked={value === true} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />;
  else if (f.type === 'number') control = <input id={id} type="number" value={Number(value ?? 0)} disabled={disabled} onChange={(e) => onChange(Number(e.target.value))} />;
  else control = <input id={id} type={f.type ?? 'text'} value={String(value ?? '')} disabled={disabled} spellCheck={false} onChange={(e) => onChange(e.target.value)} />;
  return (
    <div className="field">
      <label htmlFor={id}>{f.label}</label>
      {control}
      {f.hint ? <small className="muted">{f.hint}</small> : null}
    </div>
  );
}
