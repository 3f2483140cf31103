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

const TEXT = {
  zh: {
    title: '工作日日历',
    intro:
      '工作日按国务院办公厅每年发布的节假日安排计算（数据包 chinese-days {version}，覆盖 {from}—{to} 年）。数据包尚未包含的年份或本地特别安排，在此补充；修改后所有未办结事项的期限自动重算，并记入审计日志。',
    year: '年份',
    unknownYear: '{year} 年的节假日安排尚未录入：该年仅按周末计算。请按国务院办公厅通知逐日补充。',
    official: '{year} 年的节假日与调休',
    date: '日期',
    kind: '类型',
    holiday: '放假',
    workday: '上班（调休）',
    name: '名称',
    source: '依据',
    origin: '来源',
    package: '数据包',
    override: '本地设置',
    overrides: '本地设置',
    add: '保存这一天',
    remove: '删除',
    recomputed: '已保存，{count} 个未办结事项的期限已重新计算（其中 {changed} 个截止日期改变）。',
    sourceHint: '如：国办发明电〔2026〕5号，或本地通知文号',
  },
  en: {
    title: 'Working-day calendar',
    intro:
      "Working days follow the State Council's yearly holiday notices (data package chinese-days {version}, years {from}–{to}). Add years the package does not know yet, or local days, here: every open deadline is then recomputed and the change is audited.",
    year: 'Year',
    unknownYear:
      "{year}'s holidays are not entered yet: only weekends count. Enter them day by day from the notice.",
    official: 'Holidays and working weekends of {year}',
    date: 'Date',
    kind: 'Kind',
    holiday: 'Day off',
    workday: 'Working day (调休)',
    name: 'Name',
    source: 'Basis',
    origin: 'From',
    package: 'package',
    override: 'local',
    overrides: 'Local days',
    add: 'Save this day',
    remove: 'Remove',
    recomputed: 'Saved; {count} open deadlines were recomputed ({changed} due dates moved).',
    sourceHint: 'e.g. the notice number',
  },
} as const;

const fill = (text: string, vars: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

/** The installation's calendar: the package's days of a year, and the local days over them. */
export function CalendarPage() {
  const { lang } = useI18n();
  const s = TEXT[lang];
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
      fill(s.recomputed, {
        count: modules.reduce((n, m) => n + m.recomputed, 0),
        changed: modules.reduce((n, m) => n + m.changed.length, 0),
      }),
    );
    reload();
  };

  const overrideDates = new Set(data?.overrides.map((o) => o.date) ?? []);
  return (
    <section>
      <ScreenTitle>{s.title}</ScreenTitle>
      {data ? (
        <p>
          {fill(s.intro, {
            version: data.packageVersion,
            from: data.packageYears.from,
            to: data.packageYears.to,
          })}
        </p>
      ) : null}
      <TextField
        label={s.year}
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
        <Notice tone="warn">{fill(s.unknownYear, { year: data.year })}</Notice>
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
          label={s.date}
          type="date"
          required
          value={form.date}
          error={action.fieldError('date')}
          onChange={(e) => setForm({ ...form, date: e.target.value })}
        />
        <SelectField
          label={s.kind}
          value={form.kind}
          options={[
            { value: 'holiday', label: s.holiday },
            { value: 'workday', label: s.workday },
          ]}
          onChange={(e) => setForm({ ...form, kind: e.target.value as CalendarDay['kind'] })}
        />
        <TextField
          label={s.name}
          required
          maxLength={40}
          value={form.name}
          error={action.fieldError('name')}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
        <TextField
          label={s.source}
          hint={s.sourceHint}
          maxLength={200}
          value={form.source}
          error={action.fieldError('source')}
          onChange={(e) => setForm({ ...form, source: e.target.value })}
        />
        <button type="submit" className="primary" disabled={action.busy}>
          {s.add}
        </button>
      </form>
      <ErrorNotice error={action.error} />

      {data ? (
        <table className="data-table">
          <caption>{fill(s.official, { year: data.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{s.date}</th>
              <th scope="col">{s.kind}</th>
              <th scope="col">{s.name}</th>
              <th scope="col">{s.origin}</th>
              <th scope="col">{s.source}</th>
              <th scope="col">
                <span className="sr-only">{s.remove}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.days.map((day) => (
              <tr key={day.date}>
                <td>{day.date}</td>
                <td>{day.kind === 'holiday' ? s.holiday : s.workday}</td>
                <td>{day.name}</td>
                <td>{overrideDates.has(day.date) ? s.override : s.package}</td>
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
                      {s.remove}
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
