import { useState, type FormEvent } from 'react';
import type { SearchSynonym } from '../../../src/app/ports-search-synonyms';
import { api } from '../api';
import { useI18n } from '../i18n';
import { Empty, ErrorNotice, Loading, Notice, ScreenTitle, TextField, useAction, useLoad } from '../ui';

/**
 * The site's own search synonyms: two forms that find each other (an abbreviation used locally and the body's
 * full name, a project's popular name). The official short forms and full names of bodies are built in.
 */
export function SearchSynonyms({ siteId }: { siteId: number }) {
  const { t } = useI18n();
  const list = useLoad(
    () => api.get<{ items: SearchSynonym[] }>(`/sites/${siteId}/search-synonyms`),
    [siteId],
  );
  const action = useAction();
  const [term, setTerm] = useState('');
  const [synonym, setSynonym] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const added = await action.run(() =>
      api.post<SearchSynonym>(`/sites/${siteId}/search-synonyms`, { term, synonym, note }),
    );
    if (added) {
      setTerm('');
      setSynonym('');
      setNote('');
      setMessage(t('synonyms.added'));
      list.reload();
    }
  };
  const remove = async (item: SearchSynonym) => {
    setMessage(null);
    const done = await action.run(() => api.delete(`/search-synonyms/${item.id}`));
    if (done !== undefined) {
      setMessage(t('synonyms.removed'));
      list.reload();
    }
  };

  return (
    <section aria-labelledby="synonyms-title">
      <ScreenTitle>
        <span id="synonyms-title">{t('synonyms.title')}</span>
      </ScreenTitle>
      <p>{t('synonyms.intro')}</p>
      <form onSubmit={(e) => void add(e)} noValidate>
        <TextField
          label={t('synonyms.term')}
          value={term}
          onChange={(e) => setTerm(e.target.value)}
          required
          maxLength={50}
          error={action.fieldError('term')}
        />
        <TextField
          label={t('synonyms.synonym')}
          value={synonym}
          onChange={(e) => setSynonym(e.target.value)}
          required
          maxLength={50}
          error={action.fieldError('synonym')}
        />
        <TextField
          label={t('synonyms.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={200}
          error={action.fieldError('note')}
        />
        <button type="submit" disabled={action.busy}>
          {t('common.add')}
        </button>
      </form>
      <ErrorNotice error={action.error} />
      {message ? <Notice tone="ok">{message}</Notice> : null}
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorNotice error={list.error} />
      {list.data && list.data.items.length === 0 ? <Empty /> : null}
      {list.data && list.data.items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('synonyms.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('synonyms.term')}</th>
                <th scope="col">{t('synonyms.synonym')}</th>
                <th scope="col">{t('synonyms.note')}</th>
                <th scope="col">{t('synonyms.by')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((item) => (
                <tr key={item.id}>
                  <td>{item.term}</td>
                  <td>{item.synonym}</td>
                  <td>{item.note}</td>
                  <td>{item.createdBy}</td>
                  <td>
                    <button type="button" onClick={() => void remove(item)} disabled={action.busy}>
                      {t('common.remove')}
                      <span className="sr-only">
                        {item.term} = {item.synonym}
                      </span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
