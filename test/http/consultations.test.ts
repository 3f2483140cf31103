import ExcelJS from 'exceljs';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consultationStatistics,
  consultationsWithoutFeedback,
  createConsultation,
  inspectSite,
  listConsultations,
  moderateComment,
  publishFeedback,
  readConsultation,
  saveConsultationSettings,
  statisticsWorkbook,
  systemPrincipal,
  updateConsultation,
  withdrawConsultation,
  type Consultation,
  type ConsultationYearStatistics,
} from '../../src/app/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { answerFromPage, interactFixture, writeLetter, type InteractFixture } from '../support/interact.js';

let t: TestGazette;
let f: InteractFixture;
let demo: ConsultationYearStatistics;

beforeAll(async () => {
  // Monday 2026-12-07, 10:00 in Beijing.
  t = await startTestGazette({ now: '2026-12-07T02:00:00.000Z' });
  f = await interactFixture(t.gazette.deps);
  // The demo portal's own consultations (one open, one closed with its feedback), counted apart.
  demo = await consultationStatistics(t.gazette.deps, f.manager, f.siteId, 2026);
});
afterAll(async () => t.close());

const draft = (title: string, opensOn: string, closesOn: string) => ({
  kind: 'regulation' as const,
  title,
  drafter: '市司法局',
  summary: '为规范养犬行为，起草了本条例草案。\n现向社会公开征求意见。',
  bodyHtml:
    '<p>第一条　为了规范养犬行为，制定本条例。</p><script>alert(1)</script><p>第二条　本条例适用于本市行政区域。</p>',
  opensOn,
  closesOn,
});

interface CommentFields {
  displayName?: string;
  phone?: string;
  email?: string;
  body?: string;
}

/** A comment through the public form, as a browser without JavaScript sends it. */
async function comment(id: number, fields: CommentFields, remoteAddress = '127.0.0.1') {
  const page = await t.app.inject({ method: 'GET', url: `/hudong/zhengji/${id}`, remoteAddress });
  const { token, answer } = answerFromPage(page.body);
  return t.app.inject({
    method: 'POST',
    url: `/hudong/zhengji/${id}`,
    remoteAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      displayName: fields.displayName ?? '',
      phone: fields.phone ?? '13812341234',
      email: fields.email ?? '',
      body: fields.body ?? '建议明确禁止在居民楼电梯内不牵绳遛狗。',
      challenge: token,
      answer,
    }).toString(),
  });
}

const at = (iso: string) => t.clock.set(iso);

describe('意见征集: a consultation from opening to the published feedback', () => {
  let consultation: Consultation;

  it('is put out by a site administrator, sanitised, and listed as open', async () => {
    consultation = await createConsultation(
      t.gazette.deps,
      f.manager,
      f.siteId,
      draft('青川市养犬管理条例（草案征求意见稿）', '2026-12-01', '2026-12-20'),
    );
    expect(consultation.bodyHtml).not.toContain('<script');
    await expect(
      createConsultation(
        t.gazette.deps,
        f.handler,
        f.siteId,
        draft('无权限的征求意见稿', '2026-12-01', '2026-12-20'),
      ),
    ).rejects.toMatchObject({ code: 'GZ_FORBIDDEN' });
    await expect(
      createConsultation(
        t.gazette.deps,
        f.manager,
        f.siteId,
        draft('日期颠倒的征求意见稿', '2026-12-20', '2026-12-01'),
      ),
    ).rejects.toMatchObject({ code: 'GZ_INVALID_INPUT', details: { field: 'closesOn' } });

    const list = await t.app.inject({ method: 'GET', url: '/hudong/zhengji/' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/hudong/zhengji/${consultation.id}`);
    expect(list.body).toContain('2026-12-01 至 2026-12-20');
    const page = await t.app.inject({ method: 'GET', url: `/hudong/zhengji/${consultation.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('第一条　为了规范养犬行为');
    expect(page.body).toContain('征集中');
    expect(page.body).toContain('name="challenge"');
    expect(page.body).not.toContain('alert(1)');
  });

  it('takes comments through the form, moderated before they are shown, personal numbers masked', async () => {
    const first = await comment(consultation.id, {
      displayName: '王五',
      body: '<script>alert("x")</script>建议第二条增加例外情形。我的电话13912345678。',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.body).toContain('您的意见已提交');
    const second = await comment(consultation.id, { body: '这条意见是广告，应被拒绝。' }, '10.9.0.2');
    expect(second.statusCode).toBe(201);

    // Nothing shown before moderation; the count is.
    let page = await t.app.inject({ method: 'GET', url: `/hudong/zhengji/${consultation.id}` });
    expect(page.body).not.toContain('建议第二条增加例外情形');
    expect(page.body).toContain('2条');

    const detail = await readConsultation(t.gazette.deps, f.manager, consultation.id);
    expect(detail.comments).toMatchObject({ total: 2, pending: 2 });
    expect(JSON.stringify(detail.items)).not.toContain('13812341234');
    const stored = await t.gazette.deps.store.consultations.listComments(consultation.id);
    expect(stored[0]!.contactSealed).not.toContain('13812341234');
    const [good, bad] = detail.items;
    await expect(
      moderateComment(t.gazette.deps, f.manager, bad!.id, bad!.version, 'rejected', ''),
    ).rejects.toMatchObject({ code: 'GZ_INVALID_INPUT', details: { field: 'note' } });
    await moderateComment(t.gazette.deps, f.manager, bad!.id, bad!.version, 'rejected', '广告');
    await moderateComment(t.gazette.deps, f.manager, good!.id, good!.version, 'approved', '');
    await expect(
      moderateComment(t.gazette.deps, f.manager, good!.id, good!.version, 'approved', ''),
    ).rejects.toMatchObject({ code: 'GZ_CONSULTATION_CHANGED' });

    page = await t.app.inject({ method: 'GET', url: `/hudong/zhengji/${consultation.id}` });
    expect(page.body).toContain('建议第二条增加例外情形');
    expect(page.body).toContain('139****5678');
    expect(page.body).not.toContain('13912345678');
    expect(page.body).toContain('&lt;script&gt;');
    expect(page.body).not.toContain('<script>alert("x")');
    expect(page.body).not.toContain('这条意见是广告');
    expect(page.body).toContain('1条');

    // The site may choose not to show the comments at all.
    await saveConsultationSettings(t.gazette.deps, f.manager, {
      siteId: f.siteId,
      showComments: false,
      feedbackDays: 30,
    });
    page = await t.app.inject({ method: 'GET', url: `/hudong/zhengji/${consultation.id}` });
    expect(page.body).not.toContain('建议第二条增加例外情形');
    await saveConsultationSettings(t.gazette.deps, f.manager, {
      siteId: f.siteId,
      showComments: true,
      feedbackDays: 30,
    });
  });

  it('refuses a comment with a wrong answer, without contact data, and bad ids, each with a clear answer', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: `/hudong/zhengji/${consultation.id}`,
      remoteAddress: '10.9.1.1',
    });
    const { token } = answerFromPage(page.body);
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/hudong/zhengji/${consultation.id}`,
      remoteAddress: '10.9.1.1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        phone: '13812341234',
        body: '意见正文足够长。',
        challenge: token,
        answer: '99',
      }).toString(),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('提交未成功');
    const noContact = await comment(consultation.id, { phone: '', email: '' }, '10.9.1.2');
    expect(noContact.statusCode).toBe(400);
    expect(noContact.body).toContain('电话和电子邮箱至少填写一项（字段：联系电话）');
    for (const url of ['/hudong/zhengji/999999', '/hudong/zhengji/abc', '/hudong/zhengji/0']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    }
    const huge = await comment(consultation.id, { body: '长'.repeat(3001) }, '10.9.1.3');
    expect(huge.statusCode).toBe(413);
  });

  it('limits comments per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await comment(consultation.id, { body: `同一地址的第${i + 1}条意见。` }, '10.9.2.1')).statusCode,
      );
    }
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(10);
    expect(statuses).toContain(429);
  });

  it('lets the draft change while open, never after closing, and guards the version', async () => {
    const changed = await updateConsultation(
      t.gazette.deps,
      f.manager,
      consultation.id,
      consultation.version,
      draft('青川市养犬管理条例（草案征求意见稿）', '2026-12-01', '2026-12-21'),
    );
    expect(changed.closesOn).toBe('2026-12-21');
    await expect(
      updateConsultation(
        t.gazette.deps,
        f.manager,
        consultation.id,
        consultation.version,
        draft('旧版本的征求意见稿', '2026-12-01', '2026-12-21'),
      ),
    ).rejects.toMatchObject({ code: 'GZ_CONSULTATION_CHANGED' });
    consultation = changed;
  });

  it('closes: no more comments, feedback required and shown, flagged when late', async () => {
    await expect(
      publishFeedback(
        t.gazette.deps,
        f.manager,
        consultation.id,
        consultation.version,
        '提前发布的反馈不被接受。',
      ),
    ).rejects.toMatchObject({ code: 'GZ_CONSULTATION_STEP' });
    // The page opened at 23:50 on the closing day (Beijing), the comment sent at 00:05 the next day.
    at('2026-12-21T15:50:00.000Z');
    const page = await t.app.inject({
      method: 'GET',
      url: `/hudong/zhengji/${consultation.id}`,
      remoteAddress: '10.9.3.1',
    });
    const { token, answer } = answerFromPage(page.body);
    at('2026-12-21T16:05:00.000Z');
    const late = await t.app.inject({
      method: 'POST',
      url: `/hudong/zhengji/${consultation.id}`,
      remoteAddress: '10.9.3.1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        phone: '13812341234',
        body: '征集结束后的意见。',
        challenge: token,
        answer,
      }).toString(),
    });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('不在征集期内');
    const closedPage = await t.app.inject({ method: 'GET', url: `/hudong/zhengji/${consultation.id}` });
    expect(closedPage.body).toContain('已结束');
    expect(closedPage.body).toContain('采纳情况正在整理');
    expect(closedPage.body).not.toContain('name="challenge"');
    await expect(
      updateConsultation(
        t.gazette.deps,
        f.manager,
        consultation.id,
        consultation.version,
        draft('结束后改稿', '2026-12-01', '2026-12-30'),
      ),
    ).rejects.toMatchObject({ code: 'GZ_CONSULTATION_STEP' });

    // 30 days after closing: due; 31: flagged, for the self-check too.
    at('2027-01-20T02:00:00.000Z');
    expect(await consultationsWithoutFeedback(t.gazette.deps.store, f.siteId, t.clock.now())).toEqual([]);
    at('2027-01-21T02:00:00.000Z');
    const flagged = await consultationsWithoutFeedback(t.gazette.deps.store, f.siteId, t.clock.now());
    expect(flagged.map((c) => c.id)).toEqual([consultation.id]);
    expect(flagged[0]).toMatchObject({ closesOn: '2026-12-21', feedbackDueOn: '2027-01-20', daysClosed: 31 });
    const listed = await listConsultations(t.gazette.deps, f.manager, f.siteId);
    expect(listed.items.find((c) => c.id === consultation.id)?.feedback).toBe('overdue');
    const report = await inspectSite(t.gazette.deps, systemPrincipal('test'), f.siteId, { fetchPage: null });
    const v5 = report.vetoes.find((v) => v.id === 'V5')!;
    expect(v5.status).not.toBe('ok');
    expect(JSON.stringify(v5.evidence)).toContain('意见征集结束后未按期反馈采纳情况');

    const done = await publishFeedback(
      t.gazette.deps,
      f.manager,
      consultation.id,
      consultation.version,
      '共收到意见2条，采纳1条：第二条增加例外情形。未采纳1条：与草案无关。',
    );
    expect(done.feedback).toContain('采纳1条');
    const shown = await t.app.inject({ method: 'GET', url: `/hudong/zhengji/${consultation.id}` });
    expect(shown.body).toContain('采纳1条：第二条增加例外情形');
    expect(shown.body).toContain('发布日期：2027-01-21');
    expect(await consultationsWithoutFeedback(t.gazette.deps.store, f.siteId, t.clock.now())).toEqual([]);
    const list = await t.app.inject({ method: 'GET', url: '/hudong/zhengji/' });
    expect(list.body).toContain('已反馈采纳情况');
    at('2026-12-07T02:00:00.000Z');
  });

  it('keeps upcoming, withdrawn and other sites’ consultations off the public pages', async () => {
    const upcoming = await createConsultation(
      t.gazette.deps,
      f.manager,
      f.siteId,
      draft('尚未开始的征求意见稿', '2027-03-01', '2027-03-31'),
    );
    expect((await t.app.inject({ method: 'GET', url: `/hudong/zhengji/${upcoming.id}` })).statusCode).toBe(
      404,
    );
    const open = await createConsultation(
      t.gazette.deps,
      f.manager,
      f.siteId,
      draft('误发的征求意见稿', '2026-12-01', '2026-12-31'),
    );
    await expect(
      withdrawConsultation(t.gazette.deps, f.manager, open.id, open.version, true, ''),
    ).rejects.toMatchObject({ code: 'GZ_INVALID_INPUT' });
    await withdrawConsultation(t.gazette.deps, f.manager, open.id, open.version, true, '误发');
    expect((await t.app.inject({ method: 'GET', url: `/hudong/zhengji/${open.id}` })).statusCode).toBe(404);
    const list = await t.app.inject({ method: 'GET', url: '/hudong/zhengji/' });
    expect(list.body).not.toContain('误发的征求意见稿');
    expect(list.body).not.toContain('尚未开始的征求意见稿');
  });

  it('counts consultations, comments and feedback in the statistics and the .xlsx', async () => {
    const stats = await consultationStatistics(t.gazette.deps, f.manager, f.siteId, 2026);
    // Held in 2026: the 养犬 draft (the withdrawn one was not held; the upcoming one opens in 2027). Comments:
    // two first ones and ten from one address before its limit; the refused ones are not comments.
    expect(demo).toMatchObject({ held: 2, comments: 0, feedbackPublished: 1, feedbackOverdue: 0 });
    expect(stats).toEqual({
      year: 2026,
      held: demo.held + 1,
      comments: 12,
      commentsApproved: 1,
      commentsRejected: 1,
      feedbackPublished: demo.feedbackPublished + 1,
      feedbackOverdue: 0,
    });
    const bytes = await statisticsWorkbook(t.gazette.deps, f.manager, f.siteId, 2026);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('2026年意见征集统计')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('开展意见征集（次）');
    expect(sheet.getRow(2).getCell(1).value).toBe(stats.held);
    expect(sheet.getRow(2).getCell(2).value).toBe(stats.comments);
    expect(sheet.getRow(2).getCell(5).value).toBe(stats.feedbackPublished);
  });

  it('flags letters unanswered for 60 days in the self-check', async () => {
    const { number } = await writeLetter(t.app, f.channel.id, { subject: '六十天未答复' }, '10.9.4.1');
    at('2027-02-10T02:00:00.000Z');
    const report = await inspectSite(t.gazette.deps, systemPrincipal('test'), f.siteId, { fetchPage: null });
    const v5 = report.vetoes.find((v) => v.id === 'V5')!;
    expect(v5.status).toBe('at-risk');
    expect(JSON.stringify(v5.evidence)).toContain('flaggedOver60Days');
    expect(JSON.stringify(v5.evidence)).toContain(number);
    at('2026-12-07T02:00:00.000Z');
  });

  it("serves everything a consultation page links to: the draft's attachments and the form's script", async () => {
    const list = await t.app.inject({ method: 'GET', url: '/hudong/zhengji/' });
    const pages = [...new Set([...list.body.matchAll(/href="(\/hudong\/zhengji\/\d+)"/g)].map((m) => m[1]!))];
    expect(pages.length).toBeGreaterThan(0);
    let media = 0;
    for (const url of pages) {
      const page = await t.app.inject({ method: 'GET', url });
      const refs = [...page.body.matchAll(/(?:href|src)="(\/(?:media|assets)\/[^"]+)"/g)].map((m) => m[1]!);
      for (const ref of refs) {
        if (ref.startsWith('/media/')) media += 1;
        const answer = await t.app.inject({ method: 'GET', url: ref });
        expect(answer.statusCode, `${url} links ${ref}`).toBe(200);
      }
    }
    // The demo's open consultation carries its draft as a PDF.
    expect(media).toBeGreaterThan(0);
  });

  it('serves valid HTML on the consultation pages', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const answers = [
      await t.app.inject({ method: 'GET', url: '/hudong/zhengji/' }),
      await t.app.inject({ method: 'GET', url: `/hudong/zhengji/${consultation.id}` }),
      await comment(consultation.id, { phone: '' }, '10.9.5.1'),
    ];
    const open = await createConsultation(
      t.gazette.deps,
      f.manager,
      f.siteId,
      draft('校验页面的征求意见稿', '2026-12-01', '2026-12-31'),
    );
    answers.push(await t.app.inject({ method: 'GET', url: `/hudong/zhengji/${open.id}` }));
    answers.push(await comment(open.id, {}, '10.9.5.2'));
    for (const answer of answers) {
      const report = await validator.validateString(answer.body);
      const messages = report.results.flatMap((r) =>
        r.messages.map((m) => `${m.ruleId} line ${m.line}: ${m.message}`),
      );
      expect(messages).toEqual([]);
    }
  });
});
