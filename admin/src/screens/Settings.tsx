import { useEffect, useId, useState, type FormEvent } from 'react';
import type { UploadResult } from '../../../src/app/manage-media';
import type { PortalSettings } from '../../../src/core/site';
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
  portal: PortalSettings;
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
  portal: site.portal,
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

/**
 * An image the settings point at (an account's QR code, a badge): uploaded here into the site's media
 * library, whose link the setting keeps (it stays the same when the file is replaced there).
 */
function ImageSetting(props: {
  siteId: number;
  label: string;
  alt: string;
  value: string | null;
  error?: string | undefined;
  onChange: (url: string | null) => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const id = useId();
  const upload = async (file: File) => {
    const result = await action.run(() =>
      api.upload<UploadResult>('/media', file, file.name, { siteId: String(props.siteId), alt: props.alt }),
    );
    if (result) props.onChange(result.url);
  };
  const error = props.error ?? (action.failure ? (action.error ?? undefined) : undefined);
  return (
    <div className="field image-setting">
      <label htmlFor={id}>{props.label}</label>
      {props.value ? <img src={props.value} alt={props.alt} width={64} height={64} /> : null}
      <input
        id={id}
        type="file"
        accept="image/png,image/jpeg,image/webp,image/gif"
        disabled={action.busy}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
          e.target.value = '';
        }}
      />
      {props.value ? (
        <button type="button" onClick={() => props.onChange(null)}>
          {t('site.imageClear')}
        </button>
      ) : null}
      {error ? (
        <span className="error" id={`${id}-error`}>
          {String(error)}
        </span>
      ) : null}
    </div>
  );
}

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
  const setPortal = (patch: Partial<PortalSettings>) => set({ portal: { ...draft.portal, ...patch } });
  const portalText = (name: 'mailboxUrl' | 'hotline' | 'errorReportUrl' | 'partyMarkUrl') => ({
    name: `portal.${name}`,
    value: draft.portal[name],
    error: action.fieldError(`portal.${name}`),
    onChange: (e: { target: { value: string } }) => setPortal({ [name]: e.target.value }),
  });
  const setService = (index: number, patch: Partial<PortalSettings['services'][number]>) =>
    setPortal({ services: draft.portal.services.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
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
                  { value: 'wechat', label: t('site.kindWechat') },
                  { value: 'weibo', label: t('site.kindWeibo') },
                  { value: 'app', label: 'App' },
                  { value: 'other', label: t('site.kindOther') },
                ]}
              />
              <ImageSetting
                siteId={siteId}
                label={t('site.accountQr')}
                alt={t('site.accountQrAlt', { name: account.name })}
                value={account.qrUrl}
                error={action.fieldError(`accounts.${index}.qrUrl`)}
                onChange={(qrUrl) => setAccount(index, { qrUrl })}
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
        <fieldset>
          <legend>{t('site.services')}</legend>
          <p className="hint">{t('site.servicesHint')}</p>
          {draft.portal.services.map((service, index) => (
            <div className="account-row" key={index}>
              <TextField
                label={t('site.serviceName')}
                value={service.name}
                error={action.fieldError(`portal.services.${index}.name`)}
                onChange={(e) => setService(index, { name: e.target.value })}
              />
              <TextField
                label={t('site.serviceUrl')}
                value={service.url}
                error={action.fieldError(`portal.services.${index}.url`)}
                onChange={(e) => setService(index, { url: e.target.value })}
              />
              <span />
              <button
                type="button"
                className="danger"
                onClick={() => setPortal({ services: draft.portal.services.filter((_, i) => i !== index) })}
              >
                {t('common.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() => setPortal({ services: [...draft.portal.services, { name: '', url: '' }] })}
          >
            {t('site.addService')}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t('site.interaction')}</legend>
          <div className="grid-2">
            <TextField label={t('site.mailboxUrl')} {...portalText('mailboxUrl')} />
            <TextField label={t('site.hotline')} type="tel" {...portalText('hotline')} />
            <TextField
              label={t('site.errorReportUrl')}
              hint={t('site.errorReportHint')}
              {...portalText('errorReportUrl')}
            />
            <ImageSetting
              siteId={siteId}
              label={t('site.errorReportBadge')}
              alt="我为政府网站找错"
              value={draft.portal.errorReportBadgeUrl}
              error={action.fieldError('portal.errorReportBadgeUrl')}
              onChange={(errorReportBadgeUrl) => setPortal({ errorReportBadgeUrl })}
            />
            <TextField label={t('site.partyMarkUrl')} {...portalText('partyMarkUrl')} />
            <ImageSetting
              siteId={siteId}
              label={t('site.partyMarkBadge')}
              alt="党政机关网站标识"
              value={draft.portal.partyMarkBadgeUrl}
              error={action.fieldError('portal.partyMarkBadgeUrl')}
              onChange={(partyMarkBadgeUrl) => setPortal({ partyMarkBadgeUrl })}
            />
          </div>
          <div className="field check-field">
            <label>
              <input
                type="checkbox"
                name="portal.showViewCount"
                checked={draft.portal.showViewCount}
                onChange={(e) => setPortal({ showViewCount: e.target.checked })}
              />{' '}
              {t('site.showViewCount')}
            </label>
          </div>
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
