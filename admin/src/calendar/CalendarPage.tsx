import { useState } from 'react';
import { api } from '../api';
import './calendar.css';
import { useI18n } from '../i18n';
import { ErrorNotice, Loading, Notice, ScreenTitle, SelectField, TextField, useAction, useLoad } from '../ui';

interface CalendarDay {
  readonly date: string;
  readonly kind: 'holiday' | 'workday';
  readonly name: string;
  readonly source: string;
}

interface CalendarView {
  readonly packageYears: { readonly from: number; readonly to: number };
  readonly packageVersion: string;
  readonly overrides: readonly (CalendarDay & { updatedBy: string; updatedAt: string })[];
  readonly year: number;
  readonly days: readonly CalendarDay[];
  readonly yearKnown: boolean;
}

interface ChangeResult {
  readonly modules: Record<string, { recomputed: number; changed: readonly unknown[] }>;
}

/** The installation's calendar: the package's days of a year, and the local days over them. */
export function CalendarPage() {
  const { t } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const { data, error, loading, reload } = useLoad(
    () => api.get<CalendarView>(`/calendar?year=${year}`),
    [year],
  );
  const action = useAction();
  const [form, setForm] = useState<CalendarDay>({ date: '', kind: 'holiday', name: '', source: '' });
  const [done, setDone] = useState<string | null>(null);

  const report = (result: ChangeResult | undefined) => {
    if (!result) return;
    const modules = Object.values(result.modules);
    setDone(
      t('calendar.recomputed', {
        count: modules.reduce((n, m) => n + m.recomputed, 0),
        changed: modules.reduce((n, m) => n + m.changed.length, 0),
      }),
    );
    reload();
  };

  const overrideDates = new Set(data?.overrides.map((o) => o.date) ?? []);
  return (
    <section>
      <ScreenTitle>{t('calendar.title')}</ScreenTitle>
      {data ? (
        <p>
          {t('calendar.intro', {
            version: data.packageVersion,
            from: data.packageYears.from,
            to: data.packageYears.to,
          })}
        </p>
      ) : null}
      <TextField
        label={t('calendar.year')}
        type="number"
        min={2000}
        max={2100}
        value={year}
        onChange={(e) => setYear(Number(e.target.value) || year)}
      />
      {done ? <Notice tone="ok">{done}</Notice> : null}
      <ErrorNotice error={error} />
      {loading && !data ? <Loading /> : null}
      {data && !data.yearKnown ? (
        <Notice tone="warn">{t('calendar.unknownYear', { year: data.year })}</Notice>
      ) : null}

      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          void action
            .run(() =>
              api.put<ChangeResult>(`/calendar/${form.date}`, {
                kind: form.kind,
                name: form.name,
                source: form.source,
              }),
            )
            .then(report);
        }}
      >
        <TextField
          label={t('calendar.date')}
          type="date"
          required
          value={form.date}
          error={action.fieldError('date')}
          onChange={(e) => setForm({ ...form, date: e.target.value })}
        />
        <SelectField
          label={t('calendar.kind')}
          value={form.kind}
          options={[
            { value: 'holiday', label: t('calendar.holiday') },
            { value: 'workday', label: t('calendar.workday') },
          ]}
          onChange={(e) => setForm({ ...form, kind: e.target.value as CalendarDay['kind'] })}
        />
        <TextField
          label={t('calendar.name')}
          required
          maxLength={40}
          value={form.name}
          error={action.fieldError('name')}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
        <TextField
          label={t('calendar.source')}
          hint={t('calendar.sourceHint')}
          maxLength={200}
          value={form.source}
          error={action.fieldError('source')}
          onChange={(e) => setForm({ ...form, source: e.target.value })}
        />
        <button type="submit" className="primary" disabled={action.busy}>
          {t('calendar.add')}
        </button>
      </form>
      <ErrorNotice error={action.error} />

      {data ? (
        <table className="data-table">
          <caption>{t('calendar.official', { year: data.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('calendar.date')}</th>
              <th scope="col">{t('calendar.kind')}</th>
              <th scope="col">{t('calendar.name')}</th>
              <th scope="col">{t('calendar.origin')}</th>
              <th scope="col">{t('calendar.source')}</th>
              <th scope="col">
                <span className="sr-only">{t('calendar.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.days.map((day) => (
              <tr key={day.date}>
                <td>{day.date}</td>
                <td>{day.kind === 'holiday' ? t('calendar.holiday') : t('calendar.workday')}</td>
                <td>{day.name}</td>
                <td>{overrideDates.has(day.date) ? t('calendar.override') : t('calendar.package')}</td>
                <td>{day.source === 'package' ? '' : day.source}</td>
                <td>
                  {overrideDates.has(day.date) ? (
                    <button
                      type="button"
                      disabled={action.busy}
                      onClick={() => {
                        setDone(null);
                        void action.run(() => api.delete<ChangeResult>(`/calendar/${day.date}`)).then(report);
                      }}
                    >
                      {t('calendar.remove')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
