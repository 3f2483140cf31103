import { useEffect, useId, useState } from 'react';
import { api } from '../api';
import { errorText, formatTime, useI18n } from '../i18n';
import {
  DISCLOSURES,
  GENRES,
  INTERPRETATION_KINDS,
  POLICY_CLASSES,
  VALIDITIES,
} from '../../../src/core/policy';

interface PolicyFields {
  indexNumber: string;
  issuers: string[];
  documentNumber: string;
  writtenAt: string | null;
  publishedAt: string | null;
  effectiveAt: string | null;
  themes: string[];
  genre: string;
  policyClass: string;
  keywords: string[];
  validity: string;
  validityDate: string | null;
  replacedBy: number | null;
  disclosure: string;
  disclosureReason: string;
}

interface PolicyView {
  policy: (PolicyFields & { version: number }) | null;
  links: { policyId: number; interpretationId: number; kind: string }[];
  secrecyReviews: { decision: string; actorName: string; comment: string; at: string }[];
  settings: { themes: { name: string; children: string[] }[] };
}

const EMPTY: PolicyFields = {
  indexNumber: '',
  issuers: [],
  documentNumber: '',
  writtenAt: null,
  publishedAt: null,
  effectiveAt: null,
  themes: [],
  genre: '',
  policyClass: 'other',
  keywords: [],
  validity: 'valid',
  validityDate: null,
  replacedBy: null,
  disclosure: 'active',
  disclosureReason: '',
};

/** The editable fields of a stored document: the server refuses any other key (id, version, dates of change). */
const fieldsOf = (stored: Partial<PolicyFields>): PolicyFields =>
  Object.fromEntries(
    (Object.keys(EMPTY) as (keyof PolicyFields)[]).map((key) => [key, stored[key] ?? EMPTY[key]]),
  ) as unknown as PolicyFields;

interface Props {
  readonly articleId: number;
}

/**
 * 政策文件信息: the legal metadata of a policy document (索引号, 发文机关, 发文字号, dates, 主题分类, 有效性, 公开方式),
 * its 保密审查 and its 解读 links, each saved on its own (the article's text is saved by the editor).
 */
export function PolicyPanel({ articleId }: Props) {
  const { lang, t, label } = useI18n();
  const id = useId();
  const [view, setView] = useState<PolicyView | null>(null);
  const [fields, setFields] = useState<PolicyFields>(EMPTY);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<{ text: string; field?: string } | null>(null);
  const [warnings, setWarnings] = useState<{ field: string; message: string; fix?: string }[]>([]);
  const [secrecy, setSecrecy] = useState({ passed: true, comment: '' });
  const [link, setLink] = useState({ interpretationId: '', kind: 'text' });

  const load = async () => {
    const answer = await api.get<PolicyView>(`/articles/${articleId}/policy`);
    setView(answer);
    setFields(answer.policy ? fieldsOf(answer.policy) : EMPTY);
  };
  useEffect(() => {
    load().catch((failure: unknown) => setError({ text: errorText(failure, lang) }));
  }, [articleId]);

  const run = async (work: () => Promise<void>, done: string) => {
    setError(null);
    setMessage(null);
    try {
      await work();
      setMessage(done);
      await load();
    } catch (failure) {
      const field = (failure as { body?: { field?: string } }).body?.field;
      setError({ text: errorText(failure, lang), ...(field ? { field } : {}) });
    }
  };

  const save = () =>
    run(async () => {
      const answer = await api.put<{ warnings: { field: string; message: string; fix?: string }[] }>(
        `/articles/${articleId}/policy`,
        { ...fields, version: view?.policy?.version ?? null },
      );
      setWarnings(answer.warnings);
    }, t('policy.saved'));

  const set = <K extends keyof PolicyFields>(key: K, value: PolicyFields[K]) =>
    setFields({ ...fields, [key]: value });
  const day = (value: string) => (value === '' ? null : value);
  const fid = (name: string) => `${id}-policy-${name}`;
  const invalid = (name: string) =>
    error?.field === name ? { 'aria-invalid': true, 'aria-describedby': `${id}-policy-error` } : {};
  const themes =
    view?.settings.themes.flatMap((n) => [n.name, ...n.children.map((c) => `${n.name}/${c}`)]) ?? [];

  if (view === null)
    return error ? (
      <p className="notice notice-error" role="alert">
        {error.text}
      </p>
    ) : null;
  return (
    <section className="gz-panel gz-policy-panel" aria-labelledby={`${id}-policy-title`}>
      <h2 id={`${id}-policy-title`}>{t('policy.title')}</h2>
      {view.policy === null ? <p className="hint">{t('policy.notPolicy')}</p> : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <p>
          <label htmlFor={fid('indexNumber')}>{t('policy.indexNumber')}</label>
          <input
            id={fid('indexNumber')}
            value={fields.indexNumber}
            maxLength={64}
            aria-describedby={`${fid('indexNumber')}-hint`}
            {...invalid('indexNumber')}
            onChange={(e) => set('indexNumber', e.target.value)}
          />
          <span className="hint" id={`${fid('indexNumber')}-hint`}>
            {t('policy.indexNumberHint')}
          </span>
        </p>
        <p>
          <label htmlFor={fid('issuers')}>{t('policy.issuers')}</label>
          <textarea
            id={fid('issuers')}
            rows={2}
            value={fields.issuers.join('\n')}
            {...invalid('issuers')}
            onChange={(e) => set('issuers', e.target.value.split('\n'))}
          />
          <span className="hint">{t('policy.issuersHint')}</span>
        </p>
        <p>
          <label htmlFor={fid('documentNumber')}>{t('policy.documentNumber')}</label>
          <input
            id={fid('documentNumber')}
            value={fields.documentNumber}
            maxLength={128}
            {...invalid('documentNumber')}
            onChange={(e) => set('documentNumber', e.target.value)}
          />
          <span className="hint">{t('policy.documentNumberHint')}</span>
        </p>
        {(['writtenAt', 'publishedAt', 'effectiveAt'] as const).map((key) => (
          <p key={key}>
            <label htmlFor={fid(key)}>{t(`policy.${key}`)}</label>
            <input
              id={fid(key)}
              type="date"
              value={fields[key] ?? ''}
              {...invalid(key)}
              onChange={(e) => set(key, day(e.target.value))}
            />
          </p>
        ))}
        <p>
          <label htmlFor={fid('themes')}>{t('policy.themes')}</label>
          <select
            id={fid('themes')}
            value={fields.themes[0] ?? ''}
            {...invalid('themes')}
            onChange={(e) => set('themes', e.target.value ? [e.target.value] : [])}
          >
            <option value="">{t('policy.none')}</option>
            {themes.map((theme) => (
              <option key={theme} value={theme}>
                {theme.replace('/', ' / ')}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label htmlFor={fid('genre')}>{t('policy.genre')}</label>
          <select id={fid('genre')} value={fields.genre} onChange={(e) => set('genre', e.target.value)}>
            <option value="">{t('policy.none')}</option>
            {GENRES.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label htmlFor={fid('policyClass')}>{t('policy.policyClass')}</label>
          <select
            id={fid('policyClass')}
            value={fields.policyClass}
            onChange={(e) => set('policyClass', e.target.value)}
          >
            {POLICY_CLASSES.map((value) => (
              <option key={value} value={value}>
                {t(`policy.classes.${value}`)}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label htmlFor={fid('keywords')}>{t('policy.keywords')}</label>
          <input
            id={fid('keywords')}
            value={fields.keywords.join(' ')}
            {...invalid('keywords')}
            onChange={(e) => set('keywords', e.target.value.split(/\s+/))}
          />
          <span className="hint">{t('policy.keywordsHint')}</span>
        </p>
        <p>
          <label htmlFor={fid('validity')}>{t('policy.validity')}</label>
          <select
            id={fid('validity')}
            value={fields.validity}
            onChange={(e) => set('validity', e.target.value)}
          >
            {VALIDITIES.map((value) => (
              <option key={value} value={value}>
                {t(`policy.validities.${value}`)}
              </option>
            ))}
          </select>
        </p>
        {fields.validity !== 'valid' ? (
          <>
            <p>
              <label htmlFor={fid('validityDate')}>{t('policy.validityDate')}</label>
              <input
                id={fid('validityDate')}
                type="date"
                value={fields.validityDate ?? ''}
                {...invalid('validityDate')}
                onChange={(e) => set('validityDate', day(e.target.value))}
              />
            </p>
            <p>
              <label htmlFor={fid('replacedBy')}>{t('policy.replacedBy')}</label>
              <input
                id={fid('replacedBy')}
                inputMode="numeric"
                value={fields.replacedBy ?? ''}
                {...invalid('replacedBy')}
                onChange={(e) =>
                  set('replacedBy', /^\d+$/.test(e.target.value) ? Number(e.target.value) : null)
                }
              />
            </p>
          </>
        ) : null}
        <p>
          <label htmlFor={fid('disclosure')}>{t('policy.disclosure')}</label>
          <select
            id={fid('disclosure')}
            value={fields.disclosure}
            onChange={(e) => set('disclosure', e.target.value)}
          >
            {DISCLOSURES.map((value) => (
              <option key={value} value={value}>
                {t(`policy.disclosures.${value}`)}
              </option>
            ))}
          </select>
        </p>
        {fields.disclosure !== 'active' ? (
          <p>
            <label htmlFor={fid('disclosureReason')}>{t('policy.disclosureReason')}</label>
            <textarea
              id={fid('disclosureReason')}
              rows={2}
              value={fields.disclosureReason}
              {...invalid('disclosureReason')}
              onChange={(e) => set('disclosureReason', e.target.value)}
            />
          </p>
        ) : null}
        {error ? (
          <p className="notice notice-error" role="alert" id={`${id}-policy-error`}>
            {error.text}
          </p>
        ) : null}
        {warnings.map((w) => (
          <p className="notice" key={w.field + w.message}>
            {t('app.pair', { label: t('policy.warning'), value: w.message })}{' '}
            {w.fix ? (
              <button
                type="button"
                className="button-link"
                onClick={() => set('documentNumber', w.fix ?? '')}
              >
                {t('policy.applyFix', { fix: w.fix })}
              </button>
            ) : null}
          </p>
        ))}
        {message ? <p role="status">{message}</p> : null}
        <p>
          <button type="submit" className="button">
            {t('policy.save')}
          </button>
        </p>
      </form>
      {view.policy !== null ? (
        <>
          <h3>{t('policy.secrecy')}</h3>
          <ul>
            {view.secrecyReviews.map((r) => (
              <li key={r.at + r.actorName}>
                {t(
                  r.decision === 'secrecy-pass' ? 'policy.secrecyHistory.pass' : 'policy.secrecyHistory.fail',
                  {
                    who: r.actorName,
                    when: formatTime(r.at),
                  },
                )}
                {r.comment ? t('app.parenthesis', { text: r.comment }) : ''}
              </li>
            ))}
          </ul>
          <fieldset>
            <legend>{t('policy.secrecyRecord')}</legend>
            <label>
              <input
                type="radio"
                name={`${id}-secrecy`}
                checked={secrecy.passed}
                onChange={() => setSecrecy({ ...secrecy, passed: true })}
              />{' '}
              {t('policy.secrecyPassed')}
            </label>{' '}
            <label>
              <input
                type="radio"
                name={`${id}-secrecy`}
                checked={!secrecy.passed}
                onChange={() => setSecrecy({ ...secrecy, passed: false })}
              />{' '}
              {t('policy.secrecyFailed')}
            </label>
            <p>
              <label htmlFor={fid('secrecyComment')}>{t('policy.secrecyComment')}</label>
              <input
                id={fid('secrecyComment')}
                value={secrecy.comment}
                onChange={(e) => setSecrecy({ ...secrecy, comment: e.target.value })}
              />
            </p>
            <button
              type="button"
              className="button"
              onClick={() =>
                void run(
                  () => api.post(`/articles/${articleId}/secrecy-review`, secrecy).then(() => undefined),
                  t('policy.secrecyRecorded'),
                )
              }
            >
              {t('policy.secrecyRecord')}
            </button>
          </fieldset>
          <h3>{t('policy.interpretations')}</h3>
          <ul>
            {view.links.map((l) =>
              l.policyId === articleId ? (
                <li key={l.interpretationId}>
                  {t('policy.linked', { id: l.interpretationId, kind: label('policy.kinds', l.kind) })}
                </li>
              ) : (
                <li key={l.policyId}>{t('policy.explains', { id: l.policyId })}</li>
              ),
            )}
          </ul>
          <p>
            <label htmlFor={fid('interpretationId')}>{t('policy.interpretationId')}</label>
            <input
              id={fid('interpretationId')}
              inputMode="numeric"
              value={link.interpretationId}
              onChange={(e) => setLink({ ...link, interpretationId: e.target.value })}
            />
            <label htmlFor={fid('interpretationKind')}>{t('policy.interpretationKind')}</label>
            <select
              id={fid('interpretationKind')}
              value={link.kind}
              onChange={(e) => setLink({ ...link, kind: e.target.value })}
            >
              {INTERPRETATION_KINDS.map((value) => (
                <option key={value} value={value}>
                  {t(`policy.kinds.${value}`)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button"
              onClick={() =>
                void run(
                  () =>
                    api
                      .post(`/articles/${articleId}/interpretations`, {
                        interpretationId: Number(link.interpretationId),
                        kind: link.kind,
                      })
                      .then(() => undefined),
                  t('policy.link'),
                )
              }
            >
              {t('policy.link')}
            </button>
          </p>
        </>
      ) : null}
    </section>
  );
}
