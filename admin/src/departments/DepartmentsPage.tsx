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

const TEXT = {
  zh: {
    title: '部门',
    intro: '部门是本站点的一组账号，共同办理依申请公开和互动交流等事项。成员须是在本站点有角色的在用账号。',
    name: '部门名称',
    create: '新建部门',
    rename: '改名',
    members: '成员',
    saveMembers: '保存成员',
    remove: '删除部门',
    none: '尚未设立部门。',
  },
  en: {
    title: 'Departments',
    intro:
      "A department is a group of the site's accounts that handles disclosure requests and letters together. Members are active accounts with a role on the site.",
    name: 'Department name',
    create: 'Create department',
    rename: 'Rename',
    members: 'Members',
    saveMembers: 'Save members',
    remove: 'Delete department',
    none: 'No departments yet.',
  },
} as const;

export function DepartmentsPage({ siteId }: { siteId: number }) {
  const { lang } = useI18n();
  const s = TEXT[lang];
  const { data, error, loading, reload } = useLoad(
    () => api.get<{ items: Department[]; candidates: Member[] }>(`/sites/${siteId}/departments`),
    [siteId],
  );
  const action = useAction();
  const [name, setName] = useState('');
  return (
    <section>
      <ScreenTitle>{s.title}</ScreenTitle>
      <p>{s.intro}</p>
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
          {s.create}
        </button>
      </form>
      <ErrorNotice error={action.error ?? error} />
      {loading && !data ? <Loading /> : null}
      {data && data.items.length === 0 ? <p className="empty">{s.none}</p> : null}
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
  const { lang } = useI18n();
  const s = TEXT[lang];
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
          {s.rename}
        </button>
      </form>
      <fieldset>
        <legend>{s.members}</legend>
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
            {member.displayName}（{member.username}）
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
        {s.saveMembers}
      </button>{' '}
      <button
        type="button"
        className="danger"
        disabled={action.busy}
        onClick={() =>
          void action.run(() => api.delete(`/departments/${department.id}`)).then((r) => r && onChange())
        }
      >
        {s.remove}
      </button>
      <ErrorNotice error={action.anyError} />
    </article>
  );
}

function NameField(props: { value: string; error: string | undefined; onChange: (name: string) => void }) {
  const { lang } = useI18n();
  return (
    <TextField
      label={TEXT[lang].name}
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
        label="依申请公开办理部门"
        value={departmentId}
        options={[
          { value: 0, label: '未指定' },
          ...initial.departments.map((d) => ({ value: d.id, label: d.name })),
        ]}
        onChange={(e) => setDepartmentId(Number(e.target.value))}
        error={action.fieldError('departmentId')}
      />
      <TextField
        label="申请人个人信息保存天数（办结后）"
        type="number"
        min={30}
        max={3650}
        value={days}
        onChange={(e) => setDays(e.target.value)}
        error={action.fieldError('retentionDays')}
      />
      <button type="submit" className="primary" disabled={action.busy}>
        保存
      </button>
      {saved ? <Notice tone="ok">已保存。</Notice> : null}
    </form>
  );
}
