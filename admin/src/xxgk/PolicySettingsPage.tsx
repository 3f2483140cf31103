import { useEffect, useState, type FormEvent } from 'react';
import type { PolicySettings } from '../../../src/app/ports-policy';
import { api } from '../api';
import { useI18n } from '../i18n';
import { ErrorNotice, Loading, Notice, ScreenTitle, TextField, useAction, useLoad } from '../ui';

interface ThemeNode {
  name: string;
  children: string[];
}

/** Moves the item at `from` one place up (-1) or down (+1); out of range leaves the list as it is. */
function moved<T>(list: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[from], next[to]] = [next[to] as T, next[from] as T];
  return next;
}

/**
 * 政策文件设置: the site's 主题分类 (two levels: the catalogue browses by it and the editor picks from it), the
 * 索引号 pattern with its code, and the days a 解读 may follow its document. Saved as a whole, audited.
 */
export function PolicySettingsPage({ siteId }: { siteId: number }) {
  const { t } = useI18n();
  const loaded = useLoad(() => api.get<PolicySettings>(`/sites/${siteId}/policy-settings`), [siteId]);
  const action = useAction();
  const [themes, setThemes] = useState<ThemeNode[]>([]);
  const [indexPattern, setIndexPattern] = useState('');
  const [indexCode, setIndexCode] = useState('');
  const [days, setDays] = useState('3');
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (!loaded.data) return;
    setThemes(loaded.data.themes.map((n) => ({ name: n.name, children: [...n.children] })));
    setIndexPattern(loaded.data.indexPattern);
    setIndexCode(loaded.data.indexCode);
    setDays(String(loaded.data.interpretationDays));
  }, [loaded.data]);

  const setNode = (i: number, node: ThemeNode) => setThemes(themes.map((n, j) => (j === i ? node : n)));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const saved = await action.run(() =>
      api.put<PolicySettings>(`/sites/${siteId}/policy-settings`, {
        indexPattern,
        indexCode,
        interpretationDays: Number(days),
        themes: themes.map((n) => ({ name: n.name, children: n.children })),
      }),
    );
    if (saved) {
      setMessage(t('xxgk.settings.saved'));
      loaded.reload();
    }
  };

  if (loaded.error) return <ErrorNotice error={loaded.error} />;
  if (!loaded.data) return <Loading />;
  return (
    <section aria-labelledby="xxgk-settings-title">
      <ScreenTitle>
        <span id="xxgk-settings-title">{t('xxgk.settings.title')}</span>
      </ScreenTitle>
      <form onSubmit={(e) => void save(e)} noValidate>
        <TextField
          label={t('xxgk.settings.indexPattern')}
          hint={t('xxgk.settings.indexPatternHint')}
          value={indexPattern}
          maxLength={128}
          required
          onChange={(e) => setIndexPattern(e.target.value)}
          error={action.fieldError('indexPattern')}
        />
        <TextField
          label={t('xxgk.settings.indexCode')}
          value={indexCode}
          maxLength={64}
          onChange={(e) => setIndexCode(e.target.value)}
          error={action.fieldError('indexCode')}
        />
        <TextField
          label={t('xxgk.settings.days')}
          type="number"
          min={0}
          max={365}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={action.fieldError('interpretationDays')}
        />
        <fieldset className="xxgk-themes">
          <legend>{t('xxgk.themes.title')}</legend>
          <p className="hint">{t('xxgk.themes.intro')}</p>
          {action.fieldError('themes') ? (
            <p className="notice notice-error" role="alert">
              {action.fieldError('themes')}
            </p>
          ) : null}
          <ol>
            {themes.map((node, i) => (
              <li key={i}>
                <TextField
                  label={t('xxgk.themes.first', { n: i + 1 })}
                  value={node.name}
                  maxLength={40}
                  required
                  onChange={(e) => setNode(i, { ...node, name: e.target.value })}
                />
                <p className="button-row">
                  <button type="button" disabled={i === 0} onClick={() => setThemes(moved(themes, i, -1))}>
                    {t('xxgk.themes.up')}
                    <span className="sr-only">{node.name}</span>
                  </button>{' '}
                  <button
                    type="button"
                    disabled={i === themes.length - 1}
                    onClick={() => setThemes(moved(themes, i, 1))}
                  >
                    {t('xxgk.themes.down')}
                    <span className="sr-only">{node.name}</span>
                  </button>{' '}
                  <button type="button" onClick={() => setThemes(themes.filter((_, j) => j !== i))}>
                    {t('xxgk.themes.remove')}
                    <span className="sr-only">{node.name}</span>
                  </button>
                </p>
                <ul>
                  {node.children.map((child, k) => (
                    <li key={k}>
                      <TextField
                        label={t('xxgk.themes.second', { parent: node.name, n: k + 1 })}
                        value={child}
                        maxLength={40}
                        required
                        onChange={(e) =>
                          setNode(i, {
                            ...node,
                            children: node.children.map((c, m) => (m === k ? e.target.value : c)),
                          })
                        }
                      />
                      <button
                        type="button"
                        onClick={() =>
                          setNode(i, { ...node, children: node.children.filter((_, m) => m !== k) })
                        }
                      >
                        {t('xxgk.themes.remove')}
                        <span className="sr-only">{child}</span>
                      </button>
                    </li>
                  ))}
                </ul>
                <button
                  type="button"
                  onClick={() => setNode(i, { ...node, children: [...node.children, ''] })}
                >
                  {t('xxgk.themes.addSecond', { parent: node.name })}
                </button>
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => setThemes([...themes, { name: '', children: [] }])}>
            {t('xxgk.themes.addFirst')}
          </button>
        </fieldset>
        <p>
          <button type="submit" className="primary" disabled={action.busy}>
            {t('xxgk.settings.save')}
          </button>
        </p>
      </form>
      <ErrorNotice error={action.error} />
      {message ? <Notice tone="ok">{message}</Notice> : null}
    </section>
  );
}
