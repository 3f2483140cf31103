import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSite,
  buildWebsiteReport,
  createArticle,
  createColumn,
  publishArticle,
  publishWebsiteReport,
  systemPrincipal,
  VisitBatch,
  websiteReportWorkbook,
  type InspectionReport,
  type WebsiteReport,
} from '../src/app/index.js';
import type { Column, Site } from '../src/core/index.js';
import { startTestGazette, type TestGazette } from './support/gazette.js';
import { interactFixture } from './support/interact.js';

/**
 * 政府网站工作年度报表 for 2025 on a site made here: every counted field is compared with a figure counted by
 * hand from the fixtures below (the comments say which items make each figure), not taken from the code.
 * Times are UTC; the year is China's (UTC+8), so 2024-12-31T16:30Z is already 2025 and 2025-12-31T16:30Z is not.
 */

const SYSTEM = systemPrincipal('test');
const field = (report: WebsiteReport, label: string) => {
  const found = report.fields.find((f) => f.label.startsWith(label));
  if (!found) throw new Error(`no field ${label}`);
  return found.value;
};

describe('gazette report website', () => {
  let test: TestGazette;
  let site: Site;
  const columns = new Map<string, Column>();

  beforeAll(async () => {
    test = await startTestGazette({ demo: false, now: '2024-06-01T02:00:00.000Z' });
    const { deps } = test.gazette;
    site = await addSite(deps, SYSTEM, { name: '测试县人民政府', hosts: ['www.test.example.gov.cn'] });
    const column = async (
      key: string,
      slug: string,
      name: string,
      kind: Column['kind'],
      parent: string | null = null,
    ) => {
      const made = await createColumn(deps, SYSTEM, {
        siteId: site.id,
        parentId: parent === null ? null : (columns.get(parent) as Column).id,
        slug,
        name,
        kind,
        reviewLevels: 1,
      });
      columns.set(key, made);
    };
    // Created in 2024: a topic (专题) maintained in 2025.
    await column('topicOld', 'zt2024', '优化营商环境专题', 'topic');
    await column('topicOldSub', 'zcwj', '政策文件', 'topic', 'topicOld');
    test.clock.set('2025-03-01T02:00:00.000Z');
    // Created in 2025: one topic with news, one without.
    await column('topicNew', 'zt2025', '乡村振兴专题', 'topic');
    await column('topicEmpty', 'zt2025b', '文明城市创建专题', 'topic');
    await column('news', 'gzdt', '工作动态', 'news');
    await column('overview', 'xqgk', '县情概况', 'notice');
    await column('interp', 'zcjd', '政策解读', 'interpretation');
    await column('report', 'ndbb', '政府网站年度报表', 'notice');
    const disclosure = (await deps.store.columns.listBySite(site.id)).find(
      (c) => c.path.startsWith('zfxxgk/') && c.kind !== 'link' && c.kind !== 'page',
    );
    if (!disclosure) throw new Error('the standard columns have no 政府信息公开 column');
    columns.set('disclosure', disclosure);

    test.clock.set('2026-01-10T02:00:00.000Z');
    const publish = async (key: string, title: string, at: string) => {
      const article = await createArticle(deps, SYSTEM, site.id, {
        columnId: (columns.get(key) as Column).id,
        title,
        bodyHtml: `<p>${title}</p>`,
      });
      await publishArticle(deps, SYSTEM, article.id, { at });
    };
    // 政务动态: 3 in 2025 (the first at 00:30 on 1 January in China), 1 in 2024, 1 in 2026 (China).
    await publish('news', '动态一', '2024-12-31T16:30:00.000Z');
    await publish('news', '动态二', '2025-05-10T02:00:00.000Z');
    await publish('news', '动态三', '2025-12-31T15:00:00.000Z');
    await publish('news', '去年动态', '2024-12-31T15:59:00.000Z');
    await publish('news', '明年动态', '2025-12-31T16:30:00.000Z');
    // 概况: 2 in 2025.
    await publish('overview', '县情简介', '2025-02-01T02:00:00.000Z');
    await publish('overview', '行政区划', '2025-08-01T02:00:00.000Z');
    // 解读: 3 in 2025, one of them a product (图解).
    await publish('interp', '关于某办法的解读', '2025-03-05T02:00:00.000Z');
    await publish('interp', '一图读懂某规划', '2025-04-05T02:00:00.000Z');
    await publish('interp', '专家解读某意见', '2025-06-05T02:00:00.000Z');
    // 信息公开目录: 2 in 2025.
    await publish('disclosure', '公开信息一', '2025-07-01T02:00:00.000Z');
    await publish('disclosure', '公开信息二', '2025-07-02T02:00:00.000Z');
    // Topics: the 2024 topic's sub-column and the 2025 topic each get one in 2025.
    await publish('topicOldSub', '营商政策', '2025-09-01T02:00:00.000Z');
    await publish('topicNew', '振兴动态', '2025-09-02T02:00:00.000Z');
    // 2025 total: 3 + 2 + 3 + 2 + 2 = 12.

    // Visits: 2025 in China is 2024-12-31T16:00Z to 2025-12-31T16:00Z.
    const batch = new VisitBatch();
    const hit = (at: string, path: string, visitor: string) =>
      batch.page({ siteId: site.id, at: Date.parse(at), path, visitor, referrer: null });
    hit('2025-03-01T02:00:00.000Z', '/', 'a'); // 3 March-1 views by 2 visitors
    hit('2025-03-01T03:00:00.000Z', '/gzdt/', 'a');
    hit('2025-03-01T04:00:00.000Z', '/', 'b');
    hit('2025-12-31T15:59:00.000Z', '/', 'a'); // 31 December in China: 1 view, 1 visitor
    hit('2024-12-31T15:00:00.000Z', '/', 'c'); // 2024 in China: not counted
    hit('2025-12-31T16:00:00.000Z', '/', 'c'); // 2026 in China: not counted
    await batch.write(deps, new Map());

    // Letters: 3 received in 2025 (2 answered in 4 and 6 working days, 1 of them published; 1 open), 1 in 2024.
    const fixture = await interactFixture(deps);
    const letter = async (receivedOn: string, answer: { days: number; published: boolean } | null) => {
      const message = await deps.store.interact.addMessage(
        {
          siteId: site.id,
          channelId: fixture.channel.id,
          number: `L${receivedOn}`,
          codeHash: 'x',
          subject: '来信',
          body: '内容',
          wantsPublic: true,
          contactSealed: '',
          hasEmail: false,
          held: false,
          heldReason: '',
          attachments: [],
          departmentId: fixture.departmentId,
          receivedAt: `${receivedOn}T02:00:00.000Z`,
          receivedOn,
          deadlineDays: 15,
          dueOn: receivedOn,
        },
        `${receivedOn}T02:00:00.000Z`,
      );
      if (answer) {
        await deps.store.interact.updateMessage(
          message.id,
          message.version,
          {
            status: 'answered',
            answeredAt: `${receivedOn}T09:00:00.000Z`,
            answeredOn: receivedOn,
            workingDaysTaken: answer.days,
            published: answer.published,
          },
          `${receivedOn}T09:00:00.000Z`,
        );
      }
    };
    await letter('2025-04-01', { days: 4, published: true });
    await letter('2025-05-01', { days: 6, published: false });
    await letter('2025-06-01', null);
    await letter('2024-12-20', { days: 3, published: true });

    // Self-check runs: two in 2025 (V1 failed then fixed; D-dead-links in both; V2 at risk in the second), one
    // in 2026: 2 runs, 3 problems (V1, D-dead-links, V2), 1 fixed (V1).
    const run = async (
      at: string,
      trigger: 'schedule' | 'manual',
      vetoes: [string, string][],
      deductions: string[],
    ) => {
      const id = (await deps.store.inspections.claim(site.id, `${trigger}:${at}`, trigger, at)) as number;
      const report = {
        site: { id: site.id, name: site.name, baseUrl: site.baseUrl },
        checkedAt: at,
        verdict: 'at-risk',
        score: 95,
        vetoes: vetoes.map(([vid, status]) => ({ id: vid, status, title: vid, evidence: [], failsOn: null })),
        deductions: deductions.map((did) => ({ id: did, points: 1, title: did, evidence: [] })),
      } as unknown as InspectionReport;
      await deps.store.inspections.finish(id, report, at);
    };
    await run(
      '2025-03-02T02:00:00.000Z',
      'schedule',
      [
        ['V1', 'failed'],
        ['V2', 'ok'],
      ],
      ['D-dead-links'],
    );
    await run(
      '2025-09-02T02:00:00.000Z',
      'manual',
      [
        ['V1', 'ok'],
        ['V2', 'at-risk'],
      ],
      ['D-dead-links'],
    );
    await run('2026-01-05T02:00:00.000Z', 'schedule', [['V3', 'failed']], ['D-ipv6']);
  }, 120_000);
  afterAll(() => test.close());

  it('fills every counted field with the hand-counted figure', async () => {
    const report = await buildWebsiteReport(test.gazette.deps, SYSTEM, site.id, 2025);
    expect(field(report, '网站名称')).toBe('测试县人民政府');
    expect(field(report, '独立用户访问总量')).toBe(3);
    expect(field(report, '网站总访问量')).toBe(4);
    expect(field(report, '总数（单位：条）')).toBe(12);
    expect(field(report, '概况类信息更新量')).toBe(2);
    expect(field(report, '政务动态信息更新量')).toBe(3);
    expect(field(report, '信息公开目录信息更新量')).toBe(2);
    expect(field(report, '维护数量')).toBe(2);
    expect(field(report, '新开设数量')).toBe(2);
    expect(field(report, '解读信息发布总数')).toBe(3);
    expect(field(report, '解读材料数量')).toBe(2);
    expect(field(report, '解读产品数量')).toBe(1);
    expect(field(report, '收到留言数量')).toBe(3);
    expect(field(report, '办结留言数量')).toBe(2);
    expect(field(report, '平均办理时间')).toBe(5);
    expect(field(report, '公开答复数量')).toBe(1);
    expect(field(report, '安全检测评估次数')).toBe(2);
    expect(field(report, '发现问题数量')).toBe(3);
    expect(field(report, '问题整改数量')).toBe(1);
    expect(field(report, '是否建立安全监测预警机制')).toBe('是');
    // What the office fills is left empty, never guessed.
    for (const label of ['网站类型', '注册用户数', '媒体评论文章数量', '是否开展应急演练', '单位负责人'])
      expect(field(report, label)).toBeNull();
  });

  it('answers a year without data with zeros, and refuses a malformed year', async () => {
    const report = await buildWebsiteReport(test.gazette.deps, SYSTEM, site.id, 2019);
    expect(field(report, '网站总访问量')).toBe(0);
    expect(field(report, '总数（单位：条）')).toBe(0);
    expect(field(report, '安全检测评估次数')).toBe(0);
    expect(field(report, '是否建立安全监测预警机制')).toBeNull();
    await expect(buildWebsiteReport(test.gazette.deps, SYSTEM, site.id, 20251)).rejects.toThrow(
      /four digits/,
    );
  });

  it('writes the national layout as .xlsx and publishes the page in the 年度报表 column', async () => {
    const report = await buildWebsiteReport(test.gazette.deps, SYSTEM, site.id, 2025);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await websiteReportWorkbook(report)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell('A1').text).toBe('政府网站工作年度报表（2025年度）');
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push([1, 2, 3, 4].map((i) => row.getCell(i).text)));
    expect(rows.find((r) => r[1]?.startsWith('网站总访问量'))?.[2]).toBe('4');
    expect(rows.find((r) => r[1]?.startsWith('网站类型'))?.[2]).toBe('（由主办单位填写）');

    const published = await publishWebsiteReport(test.gazette.deps, SYSTEM, site.id, 2025);
    expect(published.published).toBe(true);
    const article = await test.gazette.deps.store.articles.get(published.articleId);
    expect(article?.columnId).toBe(columns.get('report')?.id);
    expect(article?.title).toBe('测试县人民政府2025年政府网站工作年度报表');
    expect(article?.bodyHtml).toContain('<td>4</td>');
  });
});
