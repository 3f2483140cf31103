import { useEffect, useState, type FormEvent } from 'react';
import { api, query } from '../api';
import { useI18n } from '../i18n';
import { statusLabel } from '../labels';
import { navigate } from '../router';
import { useWorkspace } from '../session';
import type { ArticlePage, ArticleRow, ArticleStatus, Series } from '../types';
import {
  Empty,
  ErrorNotice,
  Link,
  Loading,
  Notice,
  ScreenTitle,
  TextArea,
  TextField,
  useAction,
  useLoad,
} from '../ui';

interface Member {
  readonly id: number;
  readonly title: string;
  readonly status: ArticleStatus;
}

interface Details {
  title: string;
  slug: string;
  label: string;
  lead: string;
}

/** The lead is edited as plain paragraphs (a blank line between them) and stored as `<p>` HTML. */
function leadToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const paragraphs = [...doc.body.querySelectorAll('p')].map((p) => p.textContent?.trim() ?? '');
  return (paragraphs.length ? paragraphs : [doc.body.textContent ?? '']).filter(Boolean).join('\n\n');
}

function textToLead(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Add articles by title: the site's articles matching what was typed, not already members. */
function MemberSearch({
  siteId,
  exclude,
  onAdd,
}: {
  siteId: number;
  exclude: readonly number[];
  onAdd: (m: Member) => void;
}) {
  const { t, lang } = useI18n();
  const [text, setText] = useState('');
  const [rows, setRows] = useState<readonly ArticleRow[] | null>(null);
  const action = useAction();
  const search = async () => {
    const page = await action.run(() =>
      api.get<ArticlePage>(`/articles${query({ siteId, title: text.trim() })}`),
    );
    if (page) setRows(page.items);
  };
  // Inside the series form: a search box, not a form of its own (forms do not nest); Enter searches.
  return (
    <div className="member-search">
      <div className="inline-form" role="search">
        <TextField
          label={t('series.addMember')}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            void search();
          }}
        />
        <button type="button" disabled={action.busy} onClick={() => void search()}>
          {t('common.search')}
        </button>
      </div>
      <ErrorNotice error={action.anyError} />
      {rows ? (
        <ul className="plain results">
          {rows
            .filter((r) => !exclude.includes(r.id))
            .map((row) => (
              <li key={row.id}>
                <button type="button" onClick={() => onAdd(row)}>
                  {t('common.add')}
                </button>{' '}
                {row.title}{' '}
                <span className="hint">{t('app.parenthesis', { text: statusLabel(row.status, lang) })}</span>
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}

function SeriesEditor({
  siteId,
  id,
  onSaved,
}: {
  siteId: number;
  id: number | 'new';
  onSaved: (series: Series) => void;
}) {
  const { t, lang } = useI18n();
  const { can } = useWorkspace();
  const loaded = useLoad(
    () =>
      id === 'new' ? Promise.resolve(null) : api.get<{ series: Series; members: Member[] }>(`/series/${id}`),
    [id],
  );
  const action = useAction();
  const [series, setSeries] = useState<Series | null>(null);
  const [details, setDetails] = useState<Details>({ title: '', slug: '', label: '合集', lead: '' });
  const [members, setMembers] = useState<Member[]>([]);
  useEffect(() => {
    if (!loaded.data) return;
    const { series: s, members: m } = loaded.data;
    setSeries(s);
    setDetails({ title: s.title, slug: s.slug, label: s.label, lead: leadToText(s.leadHtml) });
    setMembers(m);
  }, [loaded.data]);
  if (loaded.loading) return <Loading />;
  if (loaded.error) return <ErrorNotice error={loaded.error} />;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      title: details.title.trim(),
      slug: details.slug.trim(),
      label: details.label.trim(),
      leadHtml: textToLead(details.lead),
    };
    const result = await action.run(async () => {
      if (!series) {
        return api.post<Series>('/series', {
          siteId,
          columnId: null,
          ...fields,
          memberIds: members.map((m) => m.id),
        });
      }
      const updated = await api.put<Series>(`/series/${series.id}`, {
        version: series.version,
        columnId: series.columnId,
        source: series.source,
        editor: series.editor,
        ...fields,
      });
      const same = updated.memberIds.join() === members.map((m) => m.id).join();
      return same
        ? updated
        : api.put<Series>(`/series/${series.id}/members`, {
            version: updated.version,
            memberIds: members.map((m) => m.id),
          });
    });
    if (!result) return;
    setSeries(result);
    onSaved(result);
    if (id === 'new') navigate(`/series/${result.id}`, { replace: true });
  };
  const publish = async () => {
    if (!series) return;
    const result = await action.run(() =>
      api.post<Series>(`/series/${series.id}/publish`, { version: series.version }),
    );
    if (result) {
      setSeries(result);
      onSaved(result);
    }
  };
  const move = (index: number, by: -1 | 1) => {
    const next = [...members];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    setMembers(next);
  };
  const field = (name: keyof Details) => ({
    name,
    value: details[name],
    error: action.fieldError(name === 'lead' ? 'leadHtml' : name),
    onChange: (e: { target: { value: string } }) => setDetails({ ...details, [name]: e.target.value }),
  });
  return (
    <section className="panel" aria-labelledby="series-form">
      <h2 id="series-form">{series ? t('series.editing', { title: series.title }) : t('series.new')}</h2>
      {series ? <p className="hint">{statusLabel(series.status, lang)}</p> : null}
      <form onSubmit={(e) => void save(e)} noValidate>
        <ErrorNotice error={action.error} />
        <TextField label={t('series.name')} required {...field('title')} />
        <div className="grid-2">
          <TextField label={t('series.slug')} required {...field('slug')} />
          <TextField label={t('series.label')} hint={t('series.labelHint')} {...field('label')} />
        </div>
        <TextArea label={t('series.lead')} rows={4} {...field('lead')} />
        <fieldset>
          <legend>{t('series.members')}</legend>
          {members.length === 0 ? <p className="hint">{t('series.noMembers')}</p> : null}
          <ol className="members">
            {members.map((member, index) => (
              <li key={member.id}>
                <span className="member-title">
                  <Link to={`/articles/${member.id}`}>{member.title}</Link>{' '}
                  <span className="hint">
                    {t('app.parenthesis', { text: statusLabel(member.status, lang) })}
                  </span>
                </span>
                <span className="row-buttons">
                  <button
                    type="button"
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                    aria-label={`${t('common.up')} ${member.title}`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    disabled={index === members.length - 1}
                    onClick={() => move(index, 1)}
                    aria-label={`${t('common.down')} ${member.title}`}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => setMembers(members.filter((m) => m.id !== member.id))}
                  >
                    {t('common.remove')}
                  </button>
                </span>
              </li>
            ))}
          </ol>
          <MemberSearch
            siteId={siteId}
            exclude={members.map((m) => m.id)}
            onAdd={(m) => setMembers([...members, m])}
          />
        </fieldset>
        <div className="button-row">
          <button type="submit" className="primary" disabled={action.busy}>
            {t('common.save')}
          </button>
          {series && series.status !== 'published' && can('article.publish') ? (
            <button type="button" disabled={action.busy} onClick={() => void publish()}>
              {t('series.publish')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

/** Series (合集): a list on the left, the chosen one's details and ordered members on the right. */
export function SeriesScreen({ siteId, selected }: { siteId: number; selected: number | 'new' | undefined }) {
  const { t, lang } = useI18n();
  const list = useLoad(
    () => api.get<{ items: (Series & { memberCount: number })[] }>(`/series?siteId=${siteId}`),
    [siteId],
  );
  // Kept here, not in the editor: saving a new series moves to its own address (a new editor).
  const [savedId, setSavedId] = useState<number | null>(null);
  return (
    <>
      <ScreenTitle
        actions={
          <Link to="/series/new" className="button primary">
            {t('series.new')}
          </Link>
        }
      >
        {t('series.title')}
      </ScreenTitle>
      <ErrorNotice error={list.error} />
      {savedId !== null && savedId === selected ? <Notice tone="ok">{t('common.saved')}</Notice> : null}
      <div className="split split-list">
        <section className="panel" aria-label={t('series.title')}>
          {list.loading && !list.data ? <Loading /> : null}
          {list.data && list.data.items.length === 0 ? <Empty /> : null}
          <ul className="plain series-list">
            {list.data?.items.map((s) => (
              <li key={s.id} className={selected === s.id ? 'selected' : undefined}>
                <Link to={`/series/${s.id}`} current={selected === s.id}>
                  {s.title}
                </Link>
                <span className="hint">
                  {' '}
                  {statusLabel(s.status, lang)} · {s.memberCount ?? s.memberIds.length}
                </span>
              </li>
            ))}
          </ul>
        </section>
        {selected !== undefined ? (
          <SeriesEditor
            key={String(selected)}
            siteId={siteId}
            id={selected}
            onSaved={(series) => {
              setSavedId(series.id);
              list.reload();
            }}
          />
        ) : null}
      </div>
    </>
  );
}
