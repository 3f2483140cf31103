import { useState } from 'react';
import { ARTICLE_STATUSES } from '../../../src/core/workflow';
import { api, query } from '../api';
import { columnOptions, useColumns } from '../data';
import { useI18n } from '../i18n';
import { statusLabel } from '../labels';
import { dayEnd, dayStart, FilterForm, useFilters } from '../filters';
import { setQuery } from '../router';
import { useWorkspace } from '../session';
import type { ArticlePage } from '../types';
import { ErrorNotice, Link, Loading, Pager, ScreenTitle, SelectField, TextField, useLoad } from '../ui';
import { ArticleTable } from './ArticleTable';

const FILTERS = ['columnId', 'status', 'author', 'title', 'from', 'to'] as const;

/**
 * Every article the person may see, newest change first, 20 a page. Filters live in the address (a
 * filtered list can be bookmarked); pages follow the server's cursor, so page 5,000 costs what page 1 does.
 */
export function ArticleList({ siteId }: { siteId: number }) {
  const { t, lang } = useI18n();
  const { me, can } = useWorkspace();
  const [previous, setPrevious] = useState<string[]>([]);
  const filters = useFilters(FILTERS, () => setPrevious([]));
  const { applied, params } = filters;
  const cursor = params.get('cursor') ?? '';
  const columns = useColumns(siteId);
  const list = useLoad(
    () =>
      api.get<ArticlePage>(
        `/articles${query({
          siteId,
          columnId: applied.columnId,
          status: applied.status,
          authorId: applied.author === 'me' ? me.user.id : undefined,
          title: applied.title.trim(),
          from: dayStart(applied.from),
          to: dayEnd(applied.to),
          cursor,
        })}`,
      ),
    [siteId, params.toString()],
  );
  const go = (next: string | null, back: string[]) => {
    setPrevious(back);
    setQuery({ ...applied, cursor: next });
  };
  const page = list.data;
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
        <TextField label={t('art.titleSearch')} {...filters.bind('title')} type="search" />
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
          ]}
        />
        <TextField label={t('common.from')} {...filters.bind('from')} type="date" />
        <TextField label={t('common.to')} {...filters.bind('to')} type="date" />
      </FilterForm>
      <ErrorNotice error={list.error} />
      {list.loading && !page ? <Loading /> : null}
      {page ? (
        <>
          <p className="result-count" role="status">
            {t('common.count', { total: page.total })}
          </p>
          <ArticleTable rows={page.items} columns={columns.data} caption={t('art.title')} />
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
    </>
  );
}
