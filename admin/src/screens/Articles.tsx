import { useId, useState } from 'react';
import { ARTICLE_STATUSES } from '../../../src/core/workflow';
import { api, query } from '../api';
import { ConfirmDialog } from '../ConfirmDialog';
import { columnOptions, useColumns } from '../data';
import { errorText, useI18n, type MessageKey } from '../i18n';
import { statusLabel } from '../labels';
import { dayEnd, dayStart, FilterForm, useFilters } from '../filters';
import { setQuery } from '../router';
import { useWorkspace } from '../session';
import type { ArticlePage, ArticleRow } from '../types';
import { ErrorNotice, Link, Loading, Pager, ScreenTitle, SelectField, TextField, useLoad } from '../ui';
import { ArticleTable } from './ArticleTable';

const FILTERS = ['columnId', 'status', 'author', 'q', 'from', 'to'] as const;

type BulkName = 'publish' | 'withdraw' | 'move' | 'delete';

const BULK: readonly { readonly name: BulkName; readonly label: MessageKey; readonly confirm: MessageKey }[] =
  [
    { name: 'publish', label: 'bulk.publish', confirm: 'bulk.confirmPublish' },
    { name: 'withdraw', label: 'bulk.withdraw', confirm: 'bulk.confirmWithdraw' },
    { name: 'move', label: 'bulk.move', confirm: 'bulk.confirmMove' },
    { name: 'delete', label: 'bulk.delete', confirm: 'bulk.confirmDelete' },
  ];

interface BulkAnswer {
  readonly succeeded: number;
  readonly refused: number;
  readonly results: readonly { id: number; ok: boolean; message?: string; messageZh?: string }[];
}

/** What a bulk action did: the counts, and each refused article with the reason. */
interface BulkReport {
  readonly answer: BulkAnswer;
  readonly titles: ReadonlyMap<number, string>;
}

/**
 * Every article the person may see, newest change first, 20 a page, with its publish time. Filters (全文搜索 over
 * titles and bodies, column, status, author, dates) live in the address (a filtered list can be bookmarked);
 * pages follow the server's cursor, so page 5,000 costs what page 1 does. Rows chosen with their checkboxes
 * take a bulk action — 签发, 撤稿, 移动栏目, 删除草稿 — confirmed in a dialog with the count; the server runs
 * each article through the single action's rules and audit and says what it refused and why.
 */
export function ArticleList({ siteId }: { siteId: number }) {
  const { t, lang } = useI18n();
  const { me, can } = useWorkspace();
  const id = useId();
  const [previous, setPrevious] = useState<string[]>([]);
  const [chosen, setChosen] = useState<ReadonlyMap<number, ArticleRow>>(new Map());
  const [bulk, setBulk] = useState<BulkName | null>(null);
  const [text, setText] = useState('');
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [bulkError, setBulkError] = useState<string | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);
  const filters = useFilters(FILTERS, () => {
    setPrevious([]);
    setChosen(new Map());
  });
  const { applied, params } = filters;
  const cursor = params.get('cursor') ?? '';
  const columns = useColumns(siteId);
  const authors = useLoad(
    () => api.get<{ id: number; name: string }[]>(`/articles/authors${query({ siteId })}`),
    [siteId],
  );
  const list = useLoad(
    () =>
      api.get<ArticlePage>(
        `/articles${query({
          siteId,
          columnId: applied.columnId,
          status: applied.status,
          authorId: applied.author === 'me' ? me.user.id : applied.author || undefined,
          q: applied.q.trim(),
          from: dayStart(applied.from),
          to: dayEnd(applied.to),
          cursor,
        })}`,
      ),
    [siteId, params.toString()],
  );
  const go = (next: string | null, back: string[]) => {
    setPrevious(back);
    setChosen(new Map());
    setQuery({ ...applied, cursor: next });
  };
  const page = list.data;
  const offered = BULK.filter(({ name }) =>
    name === 'publish'
      ? can('article.publish')
      : name === 'withdraw'
        ? can('article.withdraw')
        : can('article.create') || can('article.edit-any'),
  );

  const open = (name: BulkName) => {
    setReport(null);
    setBulkError(null);
    setText('');
    setTarget('');
    setBulk(name);
  };
  const confirm = async () => {
    if (bulk === null) return;
    if (bulk === 'withdraw' && !text.trim()) return setBulkError(t('bulk.required'));
    if (bulk === 'move' && !target) return setBulkError(t('bulk.required'));
    setBusy(true);
    setBulkError(null);
    const rows = [...chosen.values()];
    try {
      const answer = await api.post<BulkAnswer>('/articles/bulk', {
        siteId,
        action: bulk,
        articles: rows.map((row) => ({ id: row.id, version: row.version })),
        ...(bulk === 'publish' && text.trim() ? { comment: text.trim() } : {}),
        ...(bulk === 'withdraw' ? { reason: text.trim() } : {}),
        ...(bulk === 'move' ? { columnId: Number(target) } : {}),
      });
      setReport({ answer, titles: new Map(rows.map((row) => [row.id, row.title])) });
      setBulk(null);
      setChosen(new Map());
      list.reload();
    } catch (failure) {
      setBulkError(errorText(failure, lang));
    } finally {
      setBusy(false);
    }
  };
  const action = BULK.find((b) => b.name === bulk);

  return (
    <>
      <ScreenTitle
        actions={
          can('article.create') ? (
            <Link to="/articles/new" className="button primary">
              {t('art.new')}
            </Link>
          ) : null
        }
      >
        {t('art.title')}
      </ScreenTitle>
      <FilterForm label={t('art.filters')} onSubmit={filters.apply} onReset={filters.reset}>
        <TextField label={t('art.fullText')} {...filters.bind('q')} type="search" />
        <SelectField
          label={t('art.column')}
          {...filters.bind('columnId')}
          options={[{ value: '', label: t('common.all') }, ...columnOptions(columns.data ?? [])]}
        />
        <SelectField
          label={t('art.status')}
          {...filters.bind('status')}
          options={[
            { value: '', label: t('common.all') },
            ...ARTICLE_STATUSES.map((s) => ({ value: s, label: statusLabel(s, lang) })),
          ]}
        />
        <SelectField
          label={t('art.author')}
          {...filters.bind('author')}
          options={[
            { value: '', label: t('common.all') },
            { value: 'me', label: t('art.mine') },
            ...(authors.data ?? [])
              .filter((a) => a.id !== me.user.id)
              .map((a) => ({ value: String(a.id), label: a.name })),
          ]}
        />
        <TextField label={t('common.from')} {...filters.bind('from')} type="date" />
        <TextField label={t('common.to')} {...filters.bind('to')} type="date" />
      </FilterForm>
      {report ? <BulkNotice report={report} /> : null}
      <ErrorNotice error={list.error} />
      {list.loading && !page ? <Loading /> : null}
      {page ? (
        <>
          <p className="result-count" role="status">
            {t('common.count', { total: page.total })}
          </p>
          {offered.length > 0 ? (
            <div className="bulk-bar" role="group" aria-label={t('bulk.label')}>
              <span>{t('bulk.chosen', { count: chosen.size })}</span>
              {offered.map(({ name, label }) => (
                <button
                  key={name}
                  type="button"
                  className={name === 'delete' || name === 'withdraw' ? 'danger' : ''}
                  disabled={chosen.size === 0}
                  onClick={() => open(name)}
                >
                  {t(label)}
                </button>
              ))}
            </div>
          ) : null}
          <ArticleTable
            rows={page.items}
            columns={columns.data}
            caption={t('art.title')}
            time="both"
            {...(offered.length > 0
              ? {
                  selection: {
                    chosen: new Set(chosen.keys()),
                    toggle: (row, on) =>
                      setChosen((current) => {
                        const next = new Map(current);
                        if (on) next.set(row.id, row);
                        else next.delete(row.id);
                        return next;
                      }),
                    toggleAll: (on) =>
                      setChosen(on ? new Map(page.items.map((row) => [row.id, row])) : new Map()),
                  },
                }
              : {})}
          />
          <Pager
            buttons={[
              { label: t('common.first'), disabled: !cursor, go: () => go(null, []) },
              {
                label: t('common.prev'),
                disabled: !cursor,
                go: () => go(previous[previous.length - 1] ?? null, previous.slice(0, -1)),
              },
              {
                label: t('common.next'),
                disabled: !page.nextCursor,
                go: () => go(page.nextCursor ?? null, [...previous, cursor]),
              },
            ]}
          />
        </>
      ) : null}
      {action ? (
        <ConfirmDialog
          title={t(action.label)}
          summary={
            <>
              <p>{t('bulk.summary', { count: chosen.size, action: t(action.label) })}</p>
              <ul className="bulk-titles">
                {[...chosen.values()].map((row) => (
                  <li key={row.id}>{row.title || t('art.untitled')}</li>
                ))}
              </ul>
            </>
          }
          confirmLabel={t(action.confirm)}
          cancelLabel={t('common.cancel')}
          busy={busy}
          error={bulkError}
          danger={action.name === 'delete' || action.name === 'withdraw'}
          onConfirm={() => void confirm()}
          onCancel={() => setBulk(null)}
        >
          {action.name === 'publish' || action.name === 'withdraw' ? (
            <div className="field">
              <label htmlFor={`${id}-text`}>
                {t(action.name === 'publish' ? 'bulk.comment' : 'bulk.reason')}
              </label>
              <textarea
                id={`${id}-text`}
                rows={3}
                maxLength={2000}
                value={text}
                required={action.name === 'withdraw'}
                onChange={(event) => setText(event.target.value)}
              />
            </div>
          ) : null}
          {action.name === 'move' ? (
            <div className="field">
              <label htmlFor={`${id}-column`}>{t('bulk.target')}</label>
              <select
                id={`${id}-column`}
                value={target}
                required
                onChange={(event) => setTarget(event.target.value)}
              >
                <option value="">{t('bulk.chooseColumn')}</option>
                {columnOptions(columns.data ?? []).map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function BulkNotice({ report }: { report: BulkReport }) {
  const { t, lang } = useI18n();
  const { answer, titles } = report;
  const refused = answer.results.filter((r) => !r.ok);
  return (
    <div className={`notice notice-${refused.length > 0 ? 'warn' : 'ok'}`} role="status">
      <p>{t('bulk.done', { ok: answer.succeeded, refused: answer.refused })}</p>
      {refused.length > 0 ? (
        <ul>
          {refused.map((r) => (
            <li key={r.id}>
              {t('app.pair', {
                label: titles.get(r.id) ?? `#${r.id}`,
                value: (lang === 'zh' ? r.messageZh : r.message) ?? '',
              })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
