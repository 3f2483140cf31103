import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onCalendarChange, type RecomputeResult } from '../../src/app/index.js';
import { computeDeadline } from '../../src/core/index.js';
import { signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

let t: TestGazette;
let siteId: number;
let admin: AdminClient;
let writer: AdminClient;

beforeAll(async () => {
  t = await startTestGazette({ demo: true });
  const [site] = await t.gazette.deps.store.sites.list();
  siteId = site!.id;
  admin = await signedInUser(t, 'rili', ['site-admin']);
  writer = await signedInUser(t, 'xiezuo', ['contributor']);
});

afterAll(async () => {
  await t.close();
});

describe('the working-day calendar', () => {
  it('shows the package years and a year beyond them as unknown', async () => {
    const res = await admin.call('GET', '/calendar?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<{
      packageYears: { from: number; to: number };
      yearKnown: boolean;
      days: unknown[];
    }>();
    expect(view.packageYears).toEqual({ from: 2004, to: 2026 });
    expect(view.yearKnown).toBe(true);
    expect(view.days).toContainEqual({
      date: '2026-02-14',
      kind: 'workday',
      name: '春节调休',
      source: 'package',
    });
    const later = (await admin.call('GET', '/calendar?year=2027')).json<{ yearKnown: boolean }>();
    expect(later.yearKnown).toBe(false);
  });

  it('recomputes the open deadlines of every registered module on a change, and says so in the audit log', async () => {
    // A module with one open deadline, received Mon 28 Dec 2026 (20 working days).
    let dueOn = '2027-01-25';
    onCalendarChange('test-module', (_store, calendar): Promise<RecomputeResult> => {
      const next = computeDeadline({ receivedOn: '2026-12-28', workingDays: 20 }, calendar).dueOn;
      const changed = next === dueOn ? [] : [{ id: 'x1', from: dueOn, to: next }];
      dueOn = next;
      return Promise.resolve({ recomputed: 1, changed });
    });
    const res = await admin.call('PUT', '/calendar/2027-01-01', {
      kind: 'holiday',
      name: '元旦',
      source: '本地录入',
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<{ modules: Record<string, RecomputeResult> }>();
    expect(result.modules['test-module']).toEqual({
      recomputed: 1,
      changed: [{ id: 'x1', from: '2027-01-25', to: '2027-01-26' }],
    });
    const [record] = await t.gazette.deps.store.audit.list({ action: 'calendar.set-day' }, 1, 0);
    expect(record?.summary).toMatchObject({
      date: '2027-01-01',
      kind: 'holiday',
      recomputed: { 'test-module': { recomputed: 1, changed: 1 } },
    });

    const removed = await admin.call('DELETE', '/calendar/2027-01-01');
    expect(removed.statusCode, removed.body).toBe(200);
    expect(dueOn).toBe('2027-01-25');
  });

  it('names the field of a bad day and refuses someone who does not manage a site', async () => {
    const bad = await admin.call('PUT', '/calendar/2027-02-30', { kind: 'holiday', name: '春节' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { field: string } }>().error.field).toBe('date');
    const empty = await admin.call('PUT', '/calendar/2027-02-10', { kind: 'holiday', name: '  ' });
    expect(empty.json<{ error: { field: string; messageZh: string } }>().error).toMatchObject({
      field: 'name',
    });
    expect(
      (await writer.call('PUT', '/calendar/2027-02-10', { kind: 'holiday', name: '春节' })).statusCode,
    ).toBe(403);
    expect((await t.gazette.deps.store.calendar.list()).map((d) => d.date)).not.toContain('2027-02-10');
  });
});

describe('departments', () => {
  it('are created, staffed, renamed and deleted by the site administrator, each step audited', async () => {
    const created = await admin.call('POST', `/sites/${siteId}/departments`, { name: '办公室' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: number }>().id;
    expect((await admin.call('POST', `/sites/${siteId}/departments`, { name: '办公室' })).statusCode).toBe(
      409,
    );

    const list = (await admin.call('GET', `/sites/${siteId}/departments`)).json<{
      candidates: { id: number; username: string }[];
    }>();
    const member = list.candidates.find((c) => c.username === 'xiezuo')!;
    const staffed = await admin.call('PUT', `/departments/${id}/members`, { userIds: [member.id] });
    expect(staffed.statusCode, staffed.body).toBe(200);
    expect(staffed.json<{ members: { username: string }[] }>().members.map((m) => m.username)).toEqual([
      'xiezuo',
    ]);
    expect(await t.gazette.deps.store.departments.listForUser(siteId, member.id)).toHaveLength(1);

    const renamed = await admin.call('PUT', `/departments/${id}`, { name: '政务公开办' });
    expect(renamed.json<{ name: string }>().name).toBe('政务公开办');
    expect((await writer.call('GET', `/sites/${siteId}/departments`)).statusCode).toBe(403);
    expect((await admin.call('DELETE', `/departments/${id}`)).statusCode).toBe(200);

    const actions = (await t.gazette.deps.store.audit.list({ targetType: 'department' }, 10, 0)).map(
      (r) => r.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'department.create',
        'department.members',
        'department.rename',
        'department.delete',
      ]),
    );
  });

  it('refuses an account that has no role on the site as a member', async () => {
    const created = await admin.call('POST', `/sites/${siteId}/departments`, { name: '信访科' });
    const id = created.json<{ id: number }>().id;
    const res = await admin.call('PUT', `/departments/${id}/members`, { userIds: [999999] });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { field: string } }>().error.field).toBe('userIds');
  });
});
