// A date field in the user's locale: typed as the locale writes dates (jj/mm/aaaa in France), checked as typed,
// with the browser's calendar a click away. Only a valid date (or an empty field) reaches onChange.
import { useRef, useState } from 'react';
import { datePattern, formatYmd, parseLocalDate } from './date-input';
import { userLocale } from './format';

interface Props {
  label: string;
  /** YYYY-MM-DD or null (no limit). */
  value: string | null;
  onChange(ymd: string | null): void;
  /** Reports the message of a date that cannot be read (null once it can). */
  onInvalid(message: string | null): void;
}

export function DateField({ label, value, onChange, onInvalid }: Props) {
  const locale = userLocale();
  const [text, setText] = useState(value ? formatYmd(value, locale) : '');
  const [bad, setBad] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const typed = (t: string) => {
    setText(t);
    const r = parseLocalDate(t, locale);
    setBad(!r.ok);
    onInvalid(r.ok ? null : `${label}: ${r.error}`);
    if (r.ok) onChange(r.ymd);
  };
  return (
    <label className="field date-field">
      <span>{label}</span>
      <span className="date-input">
        <input aria-label={label} value={text} placeholder={datePattern(locale).placeholder} inputMode="numeric" aria-invalid={bad} spellCheck={false} onChange={(e) => typed(e.target.value)} />
        <button type="button" className="btn btn-small date-pick" aria-label={`${label}: pick on a calendar`} title="Pick on a calendar" onClick={() => picker.current?.showPicker?.()}>
          <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
            <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" strokeWidth="1.4" />
          </svg>
        </button>
        <input ref={picker} type="date" className="date-native" tabIndex={-1} aria-hidden="true" value={value ?? ''} onChange={(e) => typed(e.target.value ? formatYmd(e.target.value, locale) : '')} />
      </span>
    </label>
  );
}
