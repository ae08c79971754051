import assert from 'node:assert/strict';
import { test } from 'node:test';
import { datePattern, formatYmd, parseLocalDate, periodText } from '../../../renderer/components/date-input';

test('the pattern follows the locale: jj/mm/aaaa in French, mm/dd/yyyy in US English, TT.MM.JJJJ in German', () => {
  assert.equal(datePattern('fr-FR').placeholder, 'jj/mm/aaaa');
  assert.equal(datePattern('en-US').placeholder, 'mm/dd/yyyy');
  assert.equal(datePattern('en-GB').placeholder, 'dd/mm/yyyy');
  assert.equal(datePattern('de-DE').placeholder, 'TT.MM.JJJJ');
  assert.deepEqual(datePattern('ja-JP').order, ['y', 'm', 'd']);
});

test('a French date is read day first; the same text in US English is month first; ISO is read everywhere', () => {
  assert.deepEqual(parseLocalDate('06/12/2026', 'fr-FR'), { ok: true, ymd: '2026-12-06' });
  assert.deepEqual(parseLocalDate('6.12.2026', 'fr-FR'), { ok: true, ymd: '2026-12-06' });
  assert.deepEqual(parseLocalDate('06/12/2026', 'en-US'), { ok: true, ymd: '2026-06-12' });
  assert.deepEqual(parseLocalDate('06.12.2026', 'de-DE'), { ok: true, ymd: '2026-12-06' });
  assert.deepEqual(parseLocalDate('2026-12-06', 'en-US'), { ok: true, ymd: '2026-12-06' });
  assert.deepEqual(parseLocalDate('  ', 'fr-FR'), { ok: true, ymd: null });
});

test('bad dates are refused with what to type', () => {
  const bad = (t: string, locale: string) => {
    const r = parseLocalDate(t, locale);
    assert.equal(r.ok, false, t);
    return r.ok ? '' : r.error;
  };
  assert.match(bad('31/02/2026', 'fr-FR'), /not a day of the calendar: type the date as jj\/mm\/aaaa \(for example 06\/12\/2026\)/);
  assert.match(bad('13/25/2026', 'en-US'), /not a day of the calendar: type the date as mm\/dd\/yyyy \(for example 12\/06\/2026\)/);
  assert.match(bad('06/12/26', 'fr-FR'), /year needs four digits/);
  assert.match(bad('demain', 'fr-FR'), /is not a date/);
  assert.match(bad('2026-02-30', 'fr-FR'), /not a day of the calendar/);
});

test('the chosen period reads in the locale', () => {
  assert.equal(formatYmd('2026-12-06', 'fr-FR'), '06/12/2026');
  assert.equal(periodText('2026-12-01', '2026-12-06', 'fr-FR'), 'from 01/12/2026 to 06/12/2026');
  assert.equal(periodText('2026-12-01', null, 'en-US'), 'since 12/01/2026');
  assert.equal(periodText(null, '2026-12-06', 'en-US'), 'until 12/06/2026');
  assert.equal(periodText(null, null), 'all dates');
});
