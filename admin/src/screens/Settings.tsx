import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import type { Site } from '../types';
import {
  ErrorNotice,
  Loading,
  Notice,
  ScreenTitle,
  SelectField,
  TextArea,
  TextField,
  useAction,
  useLoad,
} from '../ui';

type Account = Site['accounts'][number];

/** What the form edits: the settings `PUT /sites/:id` takes, host names as one text. */
interface Draft {
  name: string;
  baseUrl: string;
  hosts: string;
  language: string;
  sponsor: Site['sponsor'];
  icpRecord: string;
  policeRecord: string;
  policeRecordCode: string;
  siteCode: string;
  footerNotice: string;
  accounts: Account[];
  mourning: boolean;
  updatedAt: string;
}

const draftOf = (site: Site): Draft => ({
  name: site.name,
  baseUrl: site.baseUrl,
  hosts: site.hosts.join('\n'),
  language: site.language,
  sponsor: site.sponsor,
  icpRecord: site.icpRecord,
  policeRecord: site.policeRecord,
  policeRecordCode: site.policeRecordCode,
  siteCode: site.siteCode,
  footerNotice: site.footerNotice,
  accounts: [...site.accounts],
  mourning: site.mourning,
  updatedAt: site.updatedAt,
});

/** The plain text fields of the form. */
type TextName = { [K in keyof Draft]: Draft[K] extends string ? K : never }[keyof Draft];

const SPONSOR: readonly [keyof Site['sponsor'], MessageKey, string?][] = [
  ['name', 'site.sponsorName'],
  ['address', 'site.sponsorAddress'],
  ['phone', 'site.sponsorPhone', 'tel'],
  ['email', 'site.sponsorEmail', 'email'],
  ['postcode', 'site.sponsorPostcode'],
];

const FOOTER: readonly [TextName, MessageKey, MessageKey?][] = [
  ['icpRecord', 'site.icp'],
  ['policeRecord', 'site.police'],
  ['policeRecordCode', 'site.policeCode'],
  ['siteCode', 'site.siteCode', 'site.siteCodeHint'],
];

/** The site's identity and the footer every page carries (ICP and police records, site code, sponsor). */
export function SiteSettings({ siteId }: { siteId: number }) {
  const { t } = useI18n();
  const loaded = useLoad(() => api.get<Site>(`/sites/${siteId}`), [siteId]);
  const action = useAction();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (loaded.data) setDraft(draftOf(loaded.data));
  }, [loaded.data]);
  if (!draft) return loaded.error ? <ErrorNotice error={loaded.error} /> : <Loading />;

  const set = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  const text = (name: TextName) => ({
    name,
    value: draft[name],
    error: action.fieldError(name),
    onChange: (e: { target: { value: string } }) => set({ [name]: e.target.value }),
  });
  const setAccount = (index: number, patch: Partial<Account>) =>
    set({ accounts: draft.accounts.map((a, i) => (i === index ? { ...a, ...patch } : a)) });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const site = await action.run(() =>
      api.put<Site>(`/sites/${siteId}`, {
        ...draft,
        hosts: draft.hosts
          .split(/\s+/)
          .map((h) => h.trim())
          .filter(Boolean),
        accounts: draft.accounts.map((a) => ({ ...a, qrUrl: a.qrUrl?.trim() ? a.qrUrl.trim() : null })),
      }),
    );
    if (site) {
      setDraft(draftOf(site));
      setSaved(true);
    }
  };
  return (
    <>
      <ScreenTitle
        actions={
          <button type="submit" form="site-settings" className="primary" disabled={action.busy}>
            {t('common.save')}
          </button>
        }
      >
        {t('site.title')}
      </ScreenTitle>
      <form id="site-settings" onSubmit={(e) => void save(e)} noValidate className="settings">
        {saved ? <Notice tone="ok">{t('common.saved')}</Notice> : null}
        {action.failure ? <ErrorNotice error={action.error ?? t('site.fixErrors')} /> : null}
        <fieldset>
          <legend>{t('site.identity')}</legend>
          <div className="grid-2">
            <TextField label={t('site.name')} required {...text('name')} />
            <TextField label={t('site.baseUrl')} type="url" required {...text('baseUrl')} />
            <TextArea label={t('site.hosts')} rows={2} {...text('hosts')} />
            <SelectField
              label={t('site.language')}
              {...text('language')}
              options={[
                { value: 'zh-CN', label: '简体中文' },
                { value: 'zh-TW', label: '繁體中文' },
                { value: 'en', label: 'English' },
              ]}
            />
            {SPONSOR.map(([name, label, type]) => (
              <TextField
                key={name}
                label={t(label)}
                name={`sponsor.${name}`}
                type={type ?? 'text'}
                value={draft.sponsor[name]}
                error={
                  action.fieldError(`sponsor.${name}`) ??
                  (name === 'email' ? action.fieldError('email') : undefined)
                }
                onChange={(e) => set({ sponsor: { ...draft.sponsor, [name]: e.target.value } })}
              />
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('site.footer')}</legend>
          <div className="grid-2">
            {FOOTER.map(([name, label, hint]) => (
              <TextField key={name} label={t(label)} hint={hint ? t(hint) : undefined} {...text(name)} />
            ))}
          </div>
          <TextArea label={t('site.footerNotice')} rows={3} {...text('footerNotice')} />
          <div className="field check-field">
            <label>
              <input
                type="checkbox"
                name="mourning"
                checked={draft.mourning}
                onChange={(e) => set({ mourning: e.target.checked })}
              />{' '}
              {t('site.mourning')}
            </label>
            <span className="hint">{t('site.mourningHint')}</span>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('site.accounts')}</legend>
          {draft.accounts.map((account, index) => (
            <div className="account-row" key={index}>
              <TextField
                label={t('site.accountName')}
                value={account.name}
                error={action.fieldError(`accounts.${index}.name`)}
                onChange={(e) => setAccount(index, { name: e.target.value })}
              />
              <SelectField
                label={t('site.accountKind')}
                value={account.kind}
                onChange={(e) => setAccount(index, { kind: e.target.value as Account['kind'] })}
                options={[
                  { value: 'wechat', label: '微信' },
                  { value: 'weibo', label: '微博' },
                  { value: 'app', label: 'App' },
                  { value: 'other', label: t('site.kindOther') },
                ]}
              />
              <TextField
                label={t('site.accountQr')}
                type="url"
                value={account.qrUrl ?? ''}
                error={action.fieldError(`accounts.${index}.qrUrl`)}
                onChange={(e) => setAccount(index, { qrUrl: e.target.value })}
              />
              <button
                type="button"
                className="danger"
                onClick={() => set({ accounts: draft.accounts.filter((_, i) => i !== index) })}
              >
                {t('common.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() => set({ accounts: [...draft.accounts, { name: '', kind: 'wechat', qrUrl: null }] })}
          >
            {t('site.addAccount')}
          </button>
        </fieldset>
        <div className="button-row">
          <button type="submit" className="primary" disabled={action.busy}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </>
  );
}
