import { useState, type FormEvent } from 'react';
import { GLOBAL_ROLES, ROLES, type Grant, type Role } from '../../../src/core/access';
import { api } from '../api';
import { columnOptions, useColumns } from '../data';
import { useI18n } from '../i18n';
import { roleLabel } from '../labels';
import { useWorkspace } from '../session';
import { ErrorNotice, Loading, Notice, ScreenTitle, SelectField, TextField, useAction, useLoad } from '../ui';

interface UserRow {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly grants: readonly Grant[];
  readonly totpEnabled: boolean;
  readonly status: 'active' | 'disabled';
  readonly lastLoginAt: string | null;
  readonly lockedUntil: string | null;
}

type Sites = readonly { id: number; name: string }[];

/** One role line of the grant editor: role, site (none for the installation-wide roles), optional column. */
function GrantRow(props: {
  grant: Grant;
  sites: Sites;
  onChange: (grant: Grant) => void;
  onRemove: () => void;
}) {
  const { t, lang } = useI18n();
  const { grant, sites } = props;
  const global = GLOBAL_ROLES.has(grant.role);
  const columns = useColumns(global ? null : grant.siteId);
  return (
    <div className="grant-row">
      <SelectField
        label={t('users.grantRole')}
        value={grant.role}
        onChange={(e) => {
          const role = e.target.value as Role;
          props.onChange(
            GLOBAL_ROLES.has(role)
              ? { role, siteId: null, columnId: null }
              : { role, siteId: grant.siteId ?? sites[0]?.id ?? null, columnId: grant.columnId },
          );
        }}
        options={ROLES.map((role) => ({ value: role, label: roleLabel(role, lang) }))}
      />
      <SelectField
        label={t('users.grantSite')}
        value={grant.siteId ?? ''}
        disabled={global}
        onChange={(e) => props.onChange({ ...grant, siteId: Number(e.target.value), columnId: null })}
        options={
          global
            ? [{ value: '', label: t('users.allSites') }]
            : sites.map((s) => ({ value: s.id, label: s.name }))
        }
      />
      <SelectField
        label={t('users.grantColumn')}
        value={grant.columnId ?? ''}
        disabled={global || grant.siteId === null}
        onChange={(e) =>
          props.onChange({ ...grant, columnId: e.target.value ? Number(e.target.value) : null })
        }
        options={[
          { value: '', label: t('users.wholeSite') },
          ...(global || grant.siteId === null ? [] : columnOptions(columns.data ?? [])),
        ]}
      />
      <button type="button" className="danger" onClick={props.onRemove}>
        {t('common.remove')}
      </button>
    </div>
  );
}

function GrantEditor(props: { grants: Grant[]; sites: Sites; onChange: (grants: Grant[]) => void }) {
  const { t } = useI18n();
  const { grants, sites, onChange } = props;
  return (
    <fieldset className="grants">
      <legend>{t('users.roles')}</legend>
      {grants.map((grant, index) => (
        <GrantRow
          key={index}
          grant={grant}
          sites={sites}
          onChange={(next) => onChange(grants.map((g, i) => (i === index ? next : g)))}
          onRemove={() => onChange(grants.filter((_, i) => i !== index))}
        />
      ))}
      <button
        type="button"
        onClick={() =>
          onChange([...grants, { role: 'contributor', siteId: sites[0]?.id ?? null, columnId: null }])
        }
      >
        {t('users.addGrant')}
      </button>
    </fieldset>
  );
}

/** Accounts (system administrator) and their roles (security administrator): 三员分立 in one screen. */
export function UsersScreen() {
  const { t, lang, time } = useI18n();
  const { canGlobal, me } = useWorkspace();
  const users = useLoad(() => api.get<{ items: UserRow[] }>('/users'), []);
  const sites = useLoad(() => api.get<{ items: { id: number; name: string }[] }>('/sites'), []);
  const action = useAction();
  const [creating, setCreating] = useState(false);
  const [form, setForm] = useState({ username: '', displayName: '' });
  const [grants, setGrants] = useState<Grant[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const manage = canGlobal('user.manage');
  const assign = canGlobal('role.assign');
  const siteList = sites.data?.items ?? [];
  const siteName = (id: number | null) =>
    id === null ? t('users.allSites') : (siteList.find((s) => s.id === id)?.name ?? `#${id}`);

  const oneTime = (answer: { user: { username: string }; password: string } | undefined) => {
    if (!answer) return;
    setMessage(t('users.oneTime', { username: answer.user.username, password: answer.password }));
    users.reload();
  };
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const answer = await action.run(() =>
      api.post<{ user: { username: string }; password: string }>('/users', {
        username: form.username.trim(),
        displayName: form.displayName.trim(),
        ...(assign && grants.length ? { grants } : {}),
      }),
    );
    if (!answer) return;
    setCreating(false);
    setForm({ username: '', displayName: '' });
    setGrants([]);
    oneTime(answer);
  };
  const act = async (user: UserRow, name: 'disable' | 'enable' | 'reset-password') => {
    const question =
      name === 'disable'
        ? t('users.confirmDisable', { username: user.username })
        : name === 'reset-password'
          ? t('users.confirmReset', { username: user.username })
          : null;
    if (question && !window.confirm(question)) return;
    setMessage(null);
    const answer = await action.run(() =>
      api.post<{ user: { username: string }; password?: string }>(
        `/users/${encodeURIComponent(user.username)}/${name}`,
      ),
    );
    if (answer?.password !== undefined) oneTime({ user: answer.user, password: answer.password });
    else if (answer) {
      setMessage(t('common.saved'));
      users.reload();
    }
  };
  const saveGrants = async (username: string) => {
    const answer = await action.run(() =>
      api.put(`/users/${encodeURIComponent(username)}/grants`, { grants }),
    );
    if (answer === undefined) return;
    setEditing(null);
    setMessage(t('common.saved'));
    users.reload();
  };
  return (
    <>
      <ScreenTitle
        actions={
          manage && !creating ? (
            <button
              type="button"
              className="primary"
              onClick={() => (setCreating(true), setGrants([]), action.clear())}
            >
              {t('users.new')}
            </button>
          ) : null
        }
      >
        {t('users.title')}
      </ScreenTitle>
      {message ? (
        <Notice tone="ok">
          <span className="one-time">{message}</span>
        </Notice>
      ) : null}
      {!creating && editing === null ? <ErrorNotice error={action.anyError} /> : null}
      {editing !== null ? (
        <section className="panel" aria-labelledby="edit-roles">
          <h2 id="edit-roles">{t('app.pair', { label: t('users.editRoles'), value: editing })}</h2>
          <ErrorNotice error={action.anyError} />
          <GrantEditor grants={grants} sites={siteList} onChange={setGrants} />
          <div className="button-row">
            <button type="button" className="primary" onClick={() => void saveGrants(editing)}>
              {t('users.saveGrants')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </section>
      ) : null}
      {creating ? (
        <section className="panel" aria-labelledby="new-user">
          <h2 id="new-user">{t('users.new')}</h2>
          <form onSubmit={(e) => void create(e)} noValidate>
            <ErrorNotice error={action.error} />
            <div className="grid-2">
              <TextField
                label={t('users.username')}
                name="username"
                required
                autoComplete="off"
                value={form.username}
                error={action.fieldError('username')}
                onChange={(e) => setForm({ ...form, username: e.target.value })}
              />
              <TextField
                label={t('users.displayName')}
                name="displayName"
                required
                value={form.displayName}
                error={action.fieldError('displayName')}
                onChange={(e) => setForm({ ...form, displayName: e.target.value })}
              />
            </div>
            {assign ? <GrantEditor grants={grants} sites={siteList} onChange={setGrants} /> : null}
            <div className="button-row">
              <button type="submit" className="primary" disabled={action.busy}>
                {t('common.create')}
              </button>
              <button type="button" onClick={() => setCreating(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        </section>
      ) : null}
      <ErrorNotice error={users.error} />
      {users.loading && !users.data ? <Loading /> : null}
      {users.data ? (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('users.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.username')}</th>
                <th scope="col">{t('users.displayName')}</th>
                <th scope="col">{t('users.roles')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">{t('users.totp')}</th>
                <th scope="col" className="col-optional">
                  {t('users.lastLogin')}
                </th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((user) => (
                <tr key={user.id}>
                  <td>{user.username}</td>
                  <td>{user.displayName}</td>
                  <td className="cell-roles">
                    <ul className="plain">
                      {user.grants.map((g, i) => (
                        <li key={i}>
                          {roleLabel(g.role, lang)}
                          <span className="hint">
                            {' '}
                            · {siteName(g.siteId)}
                            {g.columnId !== null ? ` · #${g.columnId}` : ''}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {user.status === 'disabled'
                      ? t('users.disabled')
                      : user.lockedUntil && Date.parse(user.lockedUntil) > Date.now()
                        ? t('users.locked')
                        : t('users.active')}
                  </td>
                  <td>{user.totpEnabled ? t('common.yes') : t('common.no')}</td>
                  <td className="nowrap col-optional">{time(user.lastLoginAt)}</td>
                  <td className="cell-actions">
                    <div className="row-buttons">
                      {assign && user.id !== me.user.id && editing !== user.username ? (
                        <button
                          type="button"
                          onClick={() => (
                            setEditing(user.username),
                            setGrants([...user.grants]),
                            action.clear()
                          )}
                        >
                          {t('users.editRoles')}
                        </button>
                      ) : null}
                      {manage && user.id !== me.user.id ? (
                        <>
                          <button
                            type="button"
                            onClick={() => void act(user, user.status === 'disabled' ? 'enable' : 'disable')}
                          >
                            {user.status === 'disabled' ? t('users.enable') : t('users.disable')}
                          </button>
                          <button type="button" onClick={() => void act(user, 'reset-password')}>
                            {t('users.resetPassword')}
                          </button>
                        </>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
