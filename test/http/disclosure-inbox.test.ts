import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDepartment,
  lookUpDisclosureRequest,
  purgeDisclosurePersonalData,
  saveDisclosureSettings,
  setDepartmentMembers,
  submitDisclosureRequest,
  systemPrincipal,
  type DisclosureSubmission,
} from '../../src/app/index.js';
import { runXxgkReport } from '../../src/cli/report-commands.js';
import { signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

let t: TestGazette;
let siteId: number;
let handler: AdminClient;
let outsider: AdminClient;
let admin: AdminClient;
let departmentId: number;
const members: number[] = [];
let serial = 0;

/** Sessions end after idle time: after moving the clock by days, a fresh member of the department signs in. */
async function moveClock(iso: string): Promise<void> {
  t.clock.set(iso);
  serial += 1;
  const username = `gongkai${serial}`;
  handler = await signedInUser(t, username, ['editor']);
  const user = await t.gazette.deps.store.users.getByUsername(username);
  members.push(user!.id);
  await setDepartmentMembers(t.gazette.deps, systemPrincipal('test'), departmentId, members);
}

/** A small valid PNG header is enough for the type check; the bytes are sealed as they are. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

const submission = (over: Partial<DisclosureSubmission> = {}): DisclosureSubmission => ({
  siteId,
  requesterKind: 'citizen',
  organisationType: null,
  name: '王小明',
  idType: '居民身份证',
  idNumber: '110101199003071234',
  contactPerson: '',
  phone: '13800138000',
  email: 'wang@example.com',
  address: '',
  postcode: '',
  description: '请公开2025年青川县老旧小区改造项目的资金安排和实施名单。',
  purpose: '',
  delivery: 'online',
  identity: { filename: '身份证.png', bytes: PNG },
  ...over,
});

interface Row {
  id: number;
  number: string;
  state: string;
  dueOn: string | null;
  dayNumber: number | null;
  daysLeft: number | null;
  urgency: string | null;
}

interface Detail {
  request: { version: number; dueOn: string | null; state: string };
  requester: { name: string } | null;
  deadline: { dueOn: string; text: string; explanation: { pauses: { skipped: string[] }[] } } | null;
}

const count = async () =>
  Number(
    (await sql<{ n: number }>`select count(*) as n from disclosure_requests`.execute(t.gazette.database.db))
      .rows[0]?.n,
  );

beforeAll(async () => {
  // Friday 20 November 2026, 10:00 in Beijing.
  t = await startTestGazette({ demo: true, now: '2026-11-20T02:00:00.000Z' });
  const [site] = await t.gazette.deps.store.sites.list();
  siteId = site!.id;
  handler = await signedInUser(t, 'gongkaiban', ['editor']);
  outsider = await signedInUser(t, 'pangren', ['editor']);
  admin = await signedInUser(t, 'zhanzhang2', ['site-admin']);
  const system = systemPrincipal('test');
  const department = await createDepartment(t.gazette.deps, system, { siteId, name: '政务公开办' });
  departmentId = department.id;
  const user = await t.gazette.deps.store.users.getByUsername('gongkaiban');
  members.push(user!.id);
  await setDepartmentMembers(t.gazette.deps, system, department.id, members);
  await saveDisclosureSettings(t.gazette.deps, system, {
    siteId,
    departmentId: department.id,
    retentionDays: 30,
  });
});

afterAll(async () => {
  await t.close();
});

async function detail(id: number): Promise<Detail> {
  const res = await handler.call('GET', `/disclosure/requests/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Detail>();
}

async function step(id: number, body: Record<string, unknown>): Promise<Detail> {
  const { request } = await detail(id);
  const res = await handler.call('POST', `/disclosure/requests/${id}/steps`, {
    version: request.version,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Detail>();
}

describe('a request for disclosure from submission to reply', () => {
  it('refuses an empty description and a wrong file type, keeping nothing', async () => {
    const before = await count();
    await expect(
      submitDisclosureRequest(t.gazette.deps, submission({ description: '   ' })),
    ).rejects.toMatchObject({
      code: 'GZ_INVALID_INPUT',
      details: { field: 'description' },
    });
    await expect(
      submitDisclosureRequest(
        t.gazette.deps,
        submission({ identity: { filename: 'a.exe', bytes: new Uint8Array([0x4d, 0x5a, 0, 0]) } }),
      ),
    ).rejects.toMatchObject({ details: { field: 'identity' } });
    expect(await count()).toBe(before);
  });

  it('is registered, consulted on, reviewed, answered and closed, with its deadline in working days', async () => {
    const submitted = await submitDisclosureRequest(t.gazette.deps, submission());
    // The number tells nothing of the count: the date and six random characters.
    expect(submitted.number).toMatch(/^20261120[2-9A-Z]{6}$/);
    expect(submitted.queryCode).toMatch(/^[2-9A-Z]{8}$/);
    // Received Fri 20 Nov 2026: day 1 Mon 23 Nov, 20 working days end Fri 18 Dec (no holiday in between).
    expect(submitted.latestReplyOn).toBe('2026-12-18');

    // Sealed at rest: the name is not in the database.
    const stored = await sql<{
      sealed: string;
    }>`select sealed from disclosure_requests where number = ${submitted.number}`.execute(
      t.gazette.database.db,
    );
    expect(stored.rows[0]?.sealed).not.toContain('王小明');

    const inbox = await handler.call('GET', `/sites/${siteId}/disclosure/requests`);
    expect(inbox.statusCode, inbox.body).toBe(200);
    const row = inbox.json<{ items: Row[] }>().items.find((r) => r.number === submitted.number)!;
    expect(row).toMatchObject({ state: 'submitted', dueOn: null });
    expect((await outsider.call('GET', `/sites/${siteId}/disclosure/requests`)).statusCode).toBe(403);
    expect((await outsider.call('GET', `/disclosure/requests/${row.id}`)).statusCode).toBe(403);

    let d = await step(row.id, { step: 'register' });
    expect(d.requester?.name).toBe('王小明');
    expect(d.deadline?.dueOn).toBe('2026-12-18');
    await step(row.id, { step: 'accept' });

    // Tue 24 Nov: a third party is consulted; its answer is recorded Thu 26 Nov. Wed 25 and Thu 26 do not count:
    // the due date moves two working days, from Fri 18 Dec to Tue 22 Dec.
    await moveClock('2026-11-24T02:00:00.000Z');
    d = await step(row.id, { step: 'consult', on: '2026-11-24', note: '涉及第三方企业的商业信息' });
    expect(d.request.state).toBe('consulting');
    await moveClock('2026-11-26T02:00:00.000Z');
    d = await step(row.id, { step: 'consultation-answered', on: '2026-11-26', note: '第三方同意公开' });
    expect(d.deadline?.dueOn).toBe('2026-12-22');
    expect(d.deadline?.explanation.pauses[0]?.skipped).toEqual(['2026-11-25', '2026-11-26']);

    // 延期 needs a reason and the approver's role, and only once.
    d = await step(row.id, {
      step: 'extend',
      days: 10,
      reason: '涉及多个部门，需协调',
      approverRole: '办公室主任',
    });
    // Ten more working days after Tue 22 Dec: 23, 24, 25, 28, 29, 30, 31 Dec, Fri 1 Jan 2027 (the package does not
    // know 2027 yet, so it counts as a weekday), Mon 4, Tue 5 Jan.
    expect(d.deadline?.dueOn).toBe('2027-01-05');
    const again = await handler.call('POST', `/disclosure/requests/${row.id}/steps`, {
      version: d.request.version,
      step: 'extend',
      days: 5,
      reason: '再次延期',
      approverRole: '主任',
    });
    expect(again.json<{ error: { field: string } }>().error.field).toBe('days');

    const inbox2 = (await handler.call('GET', `/sites/${siteId}/disclosure/requests`)).json<{
      items: Row[];
    }>();
    // Thu 26 Nov is paused; Mon 23 and Tue 24 counted: the request stands on its second working day.
    expect(inbox2.items[0]).toMatchObject({ number: submitted.number, dayNumber: 2, urgency: 'running' });

    // No answer without a passed confidentiality review of the very reply.
    const early = await handler.call('POST', `/disclosure/requests/${row.id}/steps`, {
      version: d.request.version,
      step: 'answer',
    });
    expect(early.statusCode).toBe(409);
    const review = {
      step: 'review',
      replyType: 'unavailable',
      replyReason: null,
      replyText: '经查，本机关未制作该信息。',
      attachments: [],
      conclusion: 'pass',
      note: '',
    };
    const noReason = await handler.call('POST', `/disclosure/requests/${row.id}/steps`, {
      version: d.request.version,
      ...review,
    });
    expect(noReason.json<{ error: { field: string } }>().error.field).toBe('replyReason');
    await step(row.id, {
      ...review,
      replyReason: 'not-held',
      conclusion: 'fail',
      note: '答复中含有内部文号，需删去',
    });
    const refused = await handler.call('POST', `/disclosure/requests/${row.id}/steps`, {
      version: (await detail(row.id)).request.version,
      step: 'answer',
    });
    expect(refused.statusCode).toBe(409);
    await step(row.id, { ...review, replyReason: 'not-held' });
    d = await step(row.id, { step: 'answer' });
    expect(d.request.state).toBe('answered');
    d = await step(row.id, { step: 'close' });
    expect(d.request.state).toBe('closed');

    const status = await lookUpDisclosureRequest(
      t.gazette.deps,
      siteId,
      submitted.number,
      submitted.queryCode,
    );
    expect(status.reply).toMatchObject({
      typeLabel: '无法提供',
      reasonLabel: '本机关不掌握相关政府信息',
      text: '经查，本机关未制作该信息。',
    });
    expect(JSON.stringify(status)).not.toContain('王小明');
    await expect(
      lookUpDisclosureRequest(t.gazette.deps, siteId, submitted.number, 'WRONG234'),
    ).rejects.toMatchObject({
      code: 'GZ_DISCLOSURE_LOOKUP',
    });

    // Every step is in the audit log.
    const actions = (await t.gazette.deps.store.audit.list({ targetId: submitted.number }, 50, 0)).map(
      (r) => r.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'disclosure.submit',
        'disclosure.register',
        'disclosure.consult',
        'disclosure.extend',
        'disclosure.review',
        'disclosure.answer',
        'disclosure.close',
      ]),
    );

    // 30 days after closing, the personal data and the identity paper are deleted.
    await moveClock('2026-12-27T02:00:00.000Z');
    expect(await purgeDisclosurePersonalData(t.gazette.deps, t.clock.now())).toBe(1);
    expect((await detail(row.id)).requester).toBeNull();
  });

  it('restarts the clock on 补正 and moves open deadlines when the calendar changes', async () => {
    await moveClock('2026-12-01T02:00:00.000Z'); // Tue 1 Dec
    const submitted = await submitDisclosureRequest(t.gazette.deps, submission());
    const id = (await t.gazette.deps.store.disclosure.getByNumber(submitted.number))!.id;
    let d = await step(id, { step: 'register' });
    // Day 1 Wed 2 Dec … 20 working days: Dec 2–4 (3), 7–11 (8), 14–18 (13), 21–25 (18), 28, 29 (20).
    expect(d.deadline?.dueOn).toBe('2026-12-29');
    d = await step(id, { step: 'request-correction', note: '请补充所需信息的具体年份' });
    expect(d.deadline).toBeNull();
    await moveClock('2026-12-07T02:00:00.000Z'); // Mon 7 Dec
    d = await step(id, { step: 'receive-correction', receivedOn: '2026-12-07' });
    // A new clock from Mon 7 Dec: day 1 Tue 8 … Dec 8–11 (4), 14–18 (9), 21–25 (14), 28–31 (18); 2027 is beyond
    // the package (1 January counts as a weekday): Fri 1 Jan (19), Mon 4 Jan (20).
    expect(d.deadline?.dueOn).toBe('2027-01-04');

    // The office enters 元旦 2027 (Fri 1 Jan): the due date moves to Tue 5 Jan, and the audit log says so.
    admin = await signedInUser(t, 'zhanzhang3', ['site-admin']);
    const res = await admin.call('PUT', '/calendar/2027-01-01', {
      kind: 'holiday',
      name: '元旦',
      source: '国办通知',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res.json<{ modules: Record<string, { changed: unknown[] }> }>().modules['disclosure-requests']?.changed,
    ).toEqual([{ id: submitted.number, from: '2027-01-04', to: '2027-01-05' }]);
    expect((await detail(id)).deadline?.dueOn).toBe('2027-01-05');
    const [record] = await t.gazette.deps.store.audit.list(
      { action: 'disclosure.deadlines-recomputed' },
      1,
      0,
    );
    expect(record?.summary).toMatchObject({ changed: [{ id: submitted.number, to: '2027-01-05' }] });
  });

  it('counts the year in the national annual-report table 三 and writes the .xlsx', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-report-'));
    const out = join(dir, 'report.xlsx');
    try {
      expect(await runXxgkReport(t.gazette, { year: '2026', out })).toBe(0);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(out);
      const sheet = book.getWorksheet('三、收到和处理政府信息公开申请情况')!;
      const rows = new Map<string, unknown[]>();
      sheet.eachRow((row) => {
        const values = (row.values as unknown[]).slice(1);
        rows.set(
          String(values[0])
            .trim()
            .replace(/^\u3000+/, ''),
          values.slice(1),
        );
      });
      // Two requests from citizens registered in 2026 (20 Nov and 1 Dec); the first answered 无法提供 /
      // 本机关不掌握相关政府信息; the second still open at the end of the year.
      expect(rows.get('一、本年新收政府信息公开申请数量')).toEqual([2, 0, 0, 0, 0, 0, 2]);
      expect(rows.get('二、上年结转政府信息公开申请数量')).toEqual([0, 0, 0, 0, 0, 0, 0]);
      expect(rows.get('（四）无法提供')).toEqual([1, 0, 0, 0, 0, 0, 1]);
      expect(rows.get('1.本机关不掌握相关政府信息')).toEqual([1, 0, 0, 0, 0, 0, 1]);
      expect(rows.get('（七）总计')).toEqual([1, 0, 0, 0, 0, 0, 1]);
      expect(rows.get('四、结转下年度继续办理')).toEqual([1, 0, 0, 0, 0, 0, 1]);
      // Table 二 is counted from the policy documents (its figures are checked in test/xxgk/report-active).
      const active = book.getWorksheet('二、主动公开政府信息情况')!;
      for (const [row, label] of [
        [3, '规章'],
        [4, '行政规范性文件'],
      ] as const) {
        expect(active.getCell(`A${row}`).value).toBe(label);
        for (const column of ['B', 'C', 'D'])
          expect(typeof active.getCell(`${column}${row}`).value).toBe('number');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
