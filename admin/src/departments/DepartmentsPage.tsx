import { useState } from 'react';
import { api } from '../api';
import '../calendar/calendar.css';
import { useI18n } from '../i18n';
import { ErrorNotice, Loading, Notice, ScreenTitle, SelectField, TextField, useAction, useLoad } from '../ui';

interface Member {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
}

interface Department {
  readonly id: number;
  readonly name: string;
  readonly members: readonly Member[];
}

export function DepartmentsPage({ siteId }: { siteId: number }) {
  const { t } = useI18n();
  const { data, error, loading, reload } = useLoad(
    () => api.get<{ items: Department[]; candidates: Member[] }>(`/sites/${siteId}/departments`),
    [siteId],
  );
  const action = useAction();
  const [name, setName] = useState('');
  return (
    <section>
      <ScreenTitle>{t('departments.title')}</ScreenTitle>
      <p>{t('departments.intro')}</p>
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          void action
            .run(() => api.post(`/sites/${siteId}/departments`, { name }))
            .then((r) => {
              if (r) {
                setName('');
                reload();
              }
            });
        }}
      >
        <NameField value={name} error={action.fieldError('name')} onChange={setName} />
        <button type="submit" className="primary" disabled={action.busy}>
          {t('departments.create')}
        </button>
      </form>
      <ErrorNotice error={action.error ?? error} />
      {loading && !data ? <Loading /> : null}
      {data && data.items.length === 0 ? <p className="empty">{t('departments.none')}</p> : null}
      <DisclosureSettings siteId={siteId} />
      {data?.items.map((department) => (
        <DepartmentCard
          key={`${department.id}-${department.members.map((m) => m.id).join(',')}`}
          department={department}
          candidates={data.candidates}
          onChange={reload}
        />
      ))}
    </section>
  );
}

function DepartmentCard(props: {
  department: Department;
  candidates: readonly Member[];
  onChange: () => void;
}) {
  const { t } = useI18n();
  const { department, candidates, onChange } = props;
  const action = useAction();
  const [name, setName] = useState(department.name);
  const [chosen, setChosen] = useState(new Set(department.members.map((m) => m.id)));
  const everyone = [
    ...candidates,
    ...department.members.filter((m) => !candidates.some((c) => c.id === m.id)),
  ];
  return (
    <article className="card">
      <h2>{department.name}</h2>
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          void action
            .run(() => api.put(`/departments/${department.id}`, { name }))
            .then((r) => r && onChange());
        }}
      >
        <NameField value={name} error={action.fieldError('name')} onChange={setName} />
        <button type="submit" disabled={action.busy}>
          {t('departments.rename')}
        </button>
      </form>
      <fieldset>
        <legend>{t('departments.members')}</legend>
        {everyone.map((member) => (
          <label key={member.id} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.has(member.id)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(member.id);
                else next.delete(member.id);
                setChosen(next);
              }}
            />
            {member.displayName}
            {t('app.parenthesis', { text: member.username })}
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        className="primary"
        disabled={action.busy}
        onClick={() =>
          void action
            .run(() => api.put(`/departments/${department.id}/members`, { userIds: [...chosen] }))
            .then((r) => r && onChange())
        }
      >
        {t('departments.saveMembers')}
      </button>{' '}
      <button
        type="button"
        className="danger"
        disabled={action.busy}
        onClick={() =>
          void action.run(() => api.delete(`/departments/${department.id}`)).then((r) => r && onChange())
        }
      >
        {t('departments.remove')}
      </button>
      <ErrorNotice error={action.anyError} />
    </article>
  );
}

function NameField(props: { value: string; error: string | undefined; onChange: (name: string) => void }) {
  const { t } = useI18n();
  return (
    <TextField
      label={t('departments.name')}
      required
      maxLength={40}
      value={props.value}
      error={props.error}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

interface DisclosureSettingsView {
  readonly departmentId: number | null;
  readonly retentionDays: number;
  readonly departments: readonly { id: number; name: string }[];
}

/** Which department handles requests for disclosure, and how long the requesters' personal data is kept. */
function DisclosureSettings({ siteId }: { siteId: number }) {
  const { data } = useLoad(
    () => api.get<DisclosureSettingsView>(`/sites/${siteId}/disclosure/settings`),
    [siteId],
  );
  return data ? <DisclosureSettingsForm key={JSON.stringify(data)} siteId={siteId} initial={data} /> : null;
}

function DisclosureSettingsForm({ siteId, initial }: { siteId: number; initial: DisclosureSettingsView }) {
  const { t } = useI18n();
  const action = useAction();
  const [departmentId, setDepartmentId] = useState(initial.departmentId ?? 0);
  const [days, setDays] = useState(String(initial.retentionDays));
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="form-row card"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void action
          .run(() =>
            api.put(`/sites/${siteId}/disclosure/settings`, {
              departmentId: departmentId || null,
              retentionDays: Number(days),
            }),
          )
          .then((r) => setSaved(Boolean(r)));
      }}
    >
      <SelectField
        label={t('departments.disclosureDepartment')}
        value={departmentId}
        options={[
          { value: 0, label: t('departments.unassigned') },
          ...initial.departments.map((d) => ({ value: d.id, label: d.name })),
        ]}
        onChange={(e) => setDepartmentId(Number(e.target.value))}
        error={action.fieldError('departmentId')}
      />
      <TextField
        label={t('departments.retentionDays')}
        type="number"
        min={30}
        max={3650}
        value={days}
        onChange={(e) => setDays(e.target.value)}
        error={action.fieldError('retentionDays')}
      />
      <button type="submit" className="primary" disabled={action.busy}>
        {t('departments.save')}
      </button>
      {saved ? <Notice tone="ok">{t('departments.saved')}</Notice> : null}
    </form>
  );
}
