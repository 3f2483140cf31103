import { writeFile } from 'node:fs/promises';
import { createConsultation, publishFeedback, uploadMedia, type AppDeps } from '../app/index.js';
import { formatDate, type Principal } from '../core/index.js';
import { tinyPdf } from './tiny-pdf.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEMO: Principal = { kind: 'system', reason: 'demo content' };

/** `days` days after (negative: before) the day of `now` in China, `YYYY-MM-DD`. */
const dayFrom = (now: string, days: number): string =>
  formatDate(new Date(Date.parse(now) + days * DAY_MS).toISOString());

/**
 * The demo's 意见征集: one consultation open now (with the draft as a PDF attachment) and one closed with its
 * 采纳情况反馈. (The channels and letters of 互动交流 are in `demo-interact.ts`.)
 */
export async function loadDemoConsultations(deps: AppDeps, siteId: number): Promise<void> {
  const now = deps.clock.now();
  const mediaIds: number[] = [];
  if (deps.media) {
    const tempPath = deps.media.files.incomingPath();
    await writeFile(
      tempPath,
      tinyPdf(['Qingchuan City Regulations on Electric Bicycles (draft for comment)', 'Articles 1-36']),
    );
    const item = await uploadMedia(
      deps,
      DEMO,
      { tempPath, filename: '青川市电动自行车管理条例（征求意见稿）.pdf' },
      { siteId, alt: '' },
    );
    mediaIds.push(item.id);
  }
  await createConsultation(deps, DEMO, siteId, {
    kind: 'regulation',
    title: '青川市电动自行车管理条例（草案征求意见稿）',
    drafter: '市司法局',
    summary:
      '为规范电动自行车生产、销售、登记、通行和停放充电管理，市公安局会同有关部门起草了本条例草案，经市司法局审查修改，现向社会公开征求意见。\n意见请在征集期内通过本页提交。',
    bodyHtml: [
      '<h2>第一章　总则</h2>',
      '<p>第一条　为了加强电动自行车管理，维护道路交通秩序，预防和减少火灾事故，保障人身和财产安全，根据有关法律、行政法规，结合本市实际，制定本条例。</p>',
      '<p>第二条　本市行政区域内电动自行车的销售、登记、通行、停放充电及其相关管理活动，适用本条例。</p>',
      '<h2>第二章　停放充电</h2>',
      '<p>第十五条　禁止在建筑物的公共门厅、疏散走道、楼梯间、安全出口停放电动自行车或者为电动自行车充电。</p>',
      '<p>第十六条　新建住宅小区应当按照标准配建电动自行车集中停放场所和充电设施。</p>',
    ].join('\n'),
    mediaIds,
    opensOn: dayFrom(now, -5),
    closesOn: dayFrom(now, 25),
  });
  const closed = await createConsultation(deps, DEMO, siteId, {
    kind: 'plan',
    title: '青川市城市更新专项规划（2026—2035年）（征求意见稿）',
    drafter: '市自然资源和规划局',
    summary: '专项规划明确了全市城市更新的目标、重点片区和实施时序，现公开征求意见。',
    bodyHtml: [
      '<p>一、规划范围为青川市中心城区，面积约128平方公里。</p>',
      '<p>二、到2030年，完成2000年底前建成的老旧小区改造，城市更新重点片区基础设施明显改善。</p>',
      '<p>三、坚持“留改拆”并举、以保留利用提升为主，严格控制大规模拆除。</p>',
    ].join('\n'),
    opensOn: dayFrom(now, -75),
    closesOn: dayFrom(now, -45),
  });
  await publishFeedback(
    deps,
    DEMO,
    closed.id,
    closed.version,
    [
      '征求意见期间共收到意见建议46条，经认真研究，采纳或部分采纳21条，未采纳25条。',
      '采纳的主要意见：一是增加老旧小区加装电梯和无障碍设施的内容；二是将沿江历史街区列入保护利用重点片区；三是明确每个更新项目方案设计阶段征求居民意见。',
      '未采纳的主要意见及理由：关于扩大拆除重建范围的建议，与“留改拆”并举、严格控制大规模拆除的要求不符，未予采纳；关于具体项目投资金额的意见，属于项目实施阶段内容，将在年度计划中研究。',
      '感谢社会各界的关心和支持。',
    ].join('\n'),
  );
}
