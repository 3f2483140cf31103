import ExcelJS from 'exceljs';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  statisticsWorkbook,
  handleLetter,
  listInbox,
  listOverdue,
  readLetter,
  type LetterDetail,
} from '../../src/app/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { interactFixture, writeLetter, type InteractFixture } from '../support/interact.js';

let t: TestGazette;
let f: InteractFixture;

beforeAll(async () => {
  // A Monday in Beijing (2026-12-07 10:00).
  t = await startTestGazette({ now: '2026-12-07T02:00:00.000Z' });
  f = await interactFixture(t.gazette.deps);
});
afterAll(async () => t.close());

const lookup = (number: string, code: string, remoteAddress = '127.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/hudong/query',
    remoteAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ number, code }).toString(),
  });

/** Draft, submit, every review level and publication, by the people whose job each step is. */
async function answer(id: number, reply: string): Promise<LetterDetail> {
  const deps = t.gazette.deps;
  let letter = await readLetter(deps, f.handler, id);
  letter = (await handleLetter(deps, f.handler, id, letter.version, { type: 'draft', replyText: reply }))!;
  letter = (await handleLetter(deps, f.handler, id, letter.version, { type: 'submit' }))!;
  for (const reviewer of f.reviewers) {
    letter = (await handleLetter(deps, reviewer, id, letter.version, { type: 'approve' }))!;
  }
  return (await handleLetter(deps, f.publisher, id, letter.version, { type: 'publish' }))!;
}

describe('互动交流: a letter from the form to the published reply', () => {
  it('gives a 留言编号 and 查询码, a deadline in working days, and seals the contact data', async () => {
    const { response, number, code } = await writeLetter(t.app, f.channel.id, {});
    expect(response.statusCode, response.body).toBe(201);
    expect(number).toMatch(/^HD20261207[0-9A-Z]{6}$/);
    expect(code).toMatch(/^[0-9A-Z]{10}$/);
    // 15 working days from Tuesday 2026-12-08 (day 1): Monday 2026-12-28.
    expect(response.body).toContain('2026-12-28');
    const stored = await t.gazette.deps.store.interact.getMessageByNumber(number);
    expect(stored!.contactSealed).not.toContain('13812341234');
    expect(stored!.contactSealed).not.toContain('张三');
    expect(stored!.codeHash).not.toContain(code);

    const status = await lookup(number, code.toLowerCase());
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('待办理');
  });

  it('is answered through the review levels and read on the status and published pages, masked', async () => {
    const { number, code } = await writeLetter(t.app, f.channel.id, {
      name: '李四',
      subject: '关于李四家门前积水',
      body: '我是李四，电话13912345678，邮箱lisi@example.cn。门前积水严重。',
    });
    const stored = (await t.gazette.deps.store.interact.getMessageByNumber(number))!;
    // Contact data only for the handling department; reading it is audited.
    expect((await readLetter(t.gazette.deps, f.handler, stored.id)).contact?.phone).toBe('13812341234');
    expect((await readLetter(t.gazette.deps, f.manager, stored.id)).contact).toBeNull();
    await expect(readLetter(t.gazette.deps, f.reviewers[0]!, stored.id)).rejects.toMatchObject({
      code: 'GZ_MESSAGE_NOT_FOUND',
    });
    const done = await answer(stored.id, '经核实，已安排市政部门疏通排水管道。');
    expect(done.status).toBe('answered');
    expect(done.published).toBe(true);
    expect(done.workingDaysTaken).toBe(0);

    const status = await lookup(number, code);
    expect(status.body).toContain('已安排市政部门疏通排水管道');
    const rated = await t.app.inject({
      method: 'POST',
      url: '/hudong/rate',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ number, code, rating: 'satisfied' }).toString(),
    });
    expect(rated.statusCode).toBe(200);
    expect(rated.body).toContain('当前：满意');

    const page = await t.app.inject({ method: 'GET', url: `/hudong/letters/${number}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('139****5678');
    expect(page.body).not.toContain('13912345678');
    expect(page.body).toContain('李某');
    expect(page.body).not.toContain('李四');
    expect(page.body).toContain('l***@example.cn');
    const list = await t.app.inject({ method: 'GET', url: '/hudong/list/' });
    expect(list.body).toContain(`/hudong/letters/${number}`);
    const home = await t.app.inject({ method: 'GET', url: '/hudong/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(f.channel.name);
  });

  it('lets one of two people replying at once win, and tells the other', async () => {
    const { number } = await writeLetter(t.app, f.channel.id, { subject: '两人同时答复' });
    const stored = (await t.gazette.deps.store.interact.getMessageByNumber(number))!;
    const results = await Promise.allSettled([
      handleLetter(t.gazette.deps, f.handler, stored.id, stored.version, {
        type: 'draft',
        replyText: '答复一',
      }),
      handleLetter(t.gazette.deps, f.colleague, stored.id, stored.version, {
        type: 'draft',
        replyText: '答复二',
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: 'GZ_MESSAGE_CHANGED' });
  });

  it('marks a letter invalid only with a reason, audited, and keeps it out of the public pages', async () => {
    const { number } = await writeLetter(t.app, f.channel.id, { subject: '广告推销' });
    const stored = (await t.gazette.deps.store.interact.getMessageByNumber(number))!;
    await expect(
      handleLetter(t.gazette.deps, f.handler, stored.id, stored.version, {
        type: 'invalid',
        kind: 'spam',
        reason: '',
      }),
    ).rejects.toMatchObject({ code: 'GZ_REASON_REQUIRED' });
    const done = await handleLetter(t.gazette.deps, f.handler, stored.id, stored.version, {
      type: 'invalid',
      kind: 'spam',
      reason: '商业广告',
    });
    expect(done!.status).toBe('invalid');
    const audit = await t.gazette.deps.store.audit.list({}, 20, 0);
    expect(JSON.stringify(audit)).toContain('interact.message.invalid');
  });

  it('transfers to another department with a note; the inbox follows', async () => {
    const { number } = await writeLetter(t.app, f.channel.id, { subject: '转办测试' });
    const stored = (await t.gazette.deps.store.interact.getMessageByNumber(number))!;
    const other = await interactFixture(t.gazette.deps);
    await handleLetter(t.gazette.deps, f.handler, stored.id, stored.version, {
      type: 'transfer',
      departmentId: other.departmentId,
      note: '属于贵部门职责',
    });
    const mine = await listInbox(t.gazette.deps, f.handler, { siteId: f.siteId });
    expect(mine.items.map((i) => i.number)).not.toContain(number);
    const theirs = await listInbox(t.gazette.deps, other.handler, { siteId: f.siteId });
    expect(theirs.items.map((i) => i.number)).toContain(number);
  });

  it('lists overdue letters, flagged at 60 days and failing at three months', async () => {
    const { number } = await writeLetter(t.app, f.channel.id, { subject: '久未答复' });
    t.clock.advance(61 * 86_400_000);
    let overdue = await listOverdue(t.gazette.deps, f.manager, f.siteId);
    expect(overdue.find((o) => o.number === number)?.mark).toBe('flag');
    t.clock.advance(31 * 86_400_000);
    overdue = await listOverdue(t.gazette.deps, f.manager, f.siteId);
    expect(overdue.find((o) => o.number === number)?.mark).toBe('fail');
    await expect(listOverdue(t.gazette.deps, f.handler, f.siteId)).rejects.toMatchObject({
      code: 'GZ_FORBIDDEN',
    });
    t.clock.set('2026-12-07T02:00:00.000Z');
  });

  it('serves valid HTML on every 互动交流 page', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const { number, code } = await writeLetter(t.app, f.channel.id, { subject: '页面校验' }, '10.5.0.1');
    const published = (await t.gazette.deps.store.interact.listPublished(f.siteId, null, 0, 1))[0];
    const answers = [
      await t.app.inject({ method: 'GET', url: '/hudong/' }),
      await t.app.inject({ method: 'GET', url: `/hudong/write/${f.channel.id}` }),
      await t.app.inject({ method: 'GET', url: '/hudong/query' }),
      await t.app.inject({ method: 'GET', url: '/hudong/list/' }),
      await t.app.inject({
        method: 'GET',
        url: `/hudong/letters/${published?.number ?? 'HD00000000AAAAAA'}`,
      }),
      await lookup(number, code, '10.5.0.2'),
      await lookup(number, 'WRONGCODE0', '10.5.0.3'),
    ];
    for (const answer of answers) {
      const report = await validator.validateString(answer.body);
      const messages = report.results.flatMap((r) =>
        r.messages.map((m) => `${m.ruleId} line ${m.line}: ${m.message}`),
      );
      expect(messages).toEqual([]);
    }
  });

  it('serves the script and stylesheet every 互动交流 form page names (the proof of work runs where JS does)', async () => {
    for (const url of ['/hudong/', `/hudong/write/${f.channel.id}`, '/hudong/query']) {
      const page = await t.app.inject({ method: 'GET', url });
      const assets = [...page.body.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="(\/[^"]+)"/g)]
        .map((m) => m[1] as string)
        .filter((href) => !href.startsWith('/hudong/') && href !== '/');
      expect(assets.length, url).toBeGreaterThan(0);
      for (const asset of assets) {
        const answer = await t.app.inject({ method: 'GET', url: asset });
        expect(answer.statusCode, `${url} names ${asset}`).toBe(200);
      }
    }
    const form = await t.app.inject({ method: 'GET', url: `/hudong/write/${f.channel.id}` });
    expect(form.body).toMatch(/<script src="[^"]*form-guard[^"]*\.js" defer><\/script>/);
  });

  it("exports the year's statistics per channel and month as xlsx, with invalid letters counted by kind", async () => {
    const bytes = await statisticsWorkbook(t.gazette.deps, f.manager, f.siteId, 2026);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('渠道');
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push(row.values as unknown[]));
    const year = rows.find((r) => r[1] === f.channel.name && r[3] === '全年')!;
    const december = rows.find((r) => r[1] === f.channel.name && r[3] === '2026-12')!;
    expect(year[4]).toBe(december[4]);
    expect(Number(year[4])).toBeGreaterThanOrEqual(5);
    expect(Number(year[5])).toBeGreaterThanOrEqual(1);
    expect(Number(year[6])).toBeGreaterThanOrEqual(1);
    await expect(statisticsWorkbook(t.gazette.deps, f.handler, f.siteId, 2026)).rejects.toMatchObject({
      code: 'GZ_FORBIDDEN',
    });
  });
});
