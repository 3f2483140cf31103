import { useEffect, useState, type FormEvent } from 'react';
import type { OfficeSections, XxgkReport } from '../../../src/app/report-xxgk';
import { api } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { ErrorNotice, Loading, Notice, ScreenTitle, TextArea, TextField, useAction, useLoad } from '../ui';

const SECTIONS: readonly { key: keyof OfficeSections; label: MessageKey }[] = [
  { key: 'overview', label: 'xxgk.report.overview' },
  { key: 'permits', label: 'xxgk.report.permits' },
  { key: 'reviewLitigation', label: 'xxgk.report.reviewLitigation' },
  { key: 'problems', label: 'xxgk.report.problems' },
  { key: 'other', label: 'xxgk.report.other' },
];

const EMPTY: OfficeSections = { overview: '', permits: '', reviewLitigation: '', problems: '', other: '' };

/** The year before this one in Beijing: the report being written in January. */
const lastYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) - 1;

/**
 * 政府信息公开工作年度报告: the tables Gazette counts (二 from the policy documents, 三 from the request inbox),
 * shown as they will be published, and the sections the office writes itself, saved per year; the .xlsx.
 */
export function XxgkReportPage({ siteId }: { siteId: number }) {
  const { t } = useI18n();
  const [year, setYear] = useState(lastYear);
  const [yearText, setYearText] = useState(String(lastYear()));
  const report = useLoad(() => api.get<XxgkReport>(`/sites/${siteId}/xxgk-report/${year}`), [siteId, year]);
  const action = useAction();
  const [office, setOffice] = useState<OfficeSections>(EMPTY);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (report.data) setOffice({ ...EMPTY, ...report.data.office });
  }, [report.data]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const saved = await action.run(() =>
      api.put<OfficeSections>(`/sites/${siteId}/xxgk-report/${year}`, office),
    );
    if (saved) {
      setMessage(t('xxgk.report.saved', { year }));
      report.reload();
    }
  };

  const active = report.data?.active;
  return (
    <section aria-labelledby="xxgk-report-title">
      <ScreenTitle>
        <span id="xxgk-report-title">{t('xxgk.report.title')}</span>
      </ScreenTitle>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(yearText);
          if (Number.isInteger(n) && n >= 2008 && n <= 2100) setYear(n);
        }}
      >
        <TextField
          label={t('xxgk.report.year')}
          type="number"
          min={2008}
          max={2100}
          value={yearText}
          onChange={(e) => setYearText(e.target.value)}
        />
        <button type="submit">{t('xxgk.report.open')}</button>
      </form>
      <ErrorNotice error={report.error} />
      {report.loading && !report.data ? <Loading /> : null}
      {report.data && active ? (
        <>
          <p>
            <a href={`/admin/api/sites/${siteId}/xxgk-report/${year}/xlsx`} download>
              {t('xxgk.report.download', { year })}
            </a>
          </p>
          <div className="table-wrap">
            <table>
              <caption>{t('xxgk.report.active')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('xxgk.report.kind')}</th>
                  <th scope="col">{t('xxgk.report.issued')}</th>
                  <th scope="col">{t('xxgk.report.repealed')}</th>
                  <th scope="col">{t('xxgk.report.inForce')}</th>
                </tr>
              </thead>
              <tbody>
                {(
                  [
                    ['xxgk.report.rule', active.rule],
                    ['xxgk.report.normative', active.normative],
                  ] as const
                ).map(([label, counts]) => (
                  <tr key={label}>
                    <th scope="row">{t(label)}</th>
                    <td>{counts.issued}</td>
                    <td>{counts.repealed}</td>
                    <td>{counts.inForce}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {/* Wider than a phone: the region scrolls, and takes the keyboard focus to do so. */}
          <div className="table-wrap" role="region" aria-label={t('xxgk.report.requests')} tabIndex={0}>
            {/* The national form's rows, in its own words: Chinese in either language of the admin. */}
            <table data-content="national-form">
              <caption>{t('xxgk.report.requests')}</caption>
              <thead lang="zh-CN">
                <tr>
                  <th scope="col">
                    <span className="sr-only">{t('xxgk.report.item')}</span>
                  </th>
                  {report.data.requests.columns.map((c) => (
                    <th scope="col" key={c}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody lang="zh-CN">
                {report.data.requests.rows.map((row) => (
                  <tr key={row.label}>
                    <th scope="row" style={{ paddingLeft: `${0.5 + row.level * 1.5}em` }}>
                      {row.label}
                    </th>
                    {row.values.map((v, i) => (
                      <td key={i}>{v}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form onSubmit={(e) => void save(e)} noValidate>
            <h2>{t('xxgk.report.office', { year })}</h2>
            {SECTIONS.map(({ key, label }) => (
              <TextArea
                key={key}
                label={t(label)}
                rows={6}
                value={office[key]}
                onChange={(e) => setOffice({ ...office, [key]: e.target.value })}
                error={action.fieldError(key)}
              />
            ))}
            <button type="submit" className="primary" disabled={action.busy}>
              {t('xxgk.report.save')}
            </button>
          </form>
          <ErrorNotice error={action.error} />
          {message ? <Notice tone="ok">{message}</Notice> : null}
        </>
      ) : null}
    </section>
  );
}
