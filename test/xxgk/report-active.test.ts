import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildXxgkReport,
  createArticle,
  createSite,
  publishArticle,
  restoreArticle,
  savePolicyDocument,
  systemPrincipal,
  withdrawArticle,
  xxgkReportWorkbook,
} from '../../src/app/index.js';
import { EMPTY_POLICY_FIELDS, type PolicyFields } from '../../src/core/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * Table 二 of the annual report (第二十条第（一）项) counted from the policy documents of a site. The documents
 * below are written for the count, and the expected figures beside them were worked out by hand from the
 * rules of the table: 本年制发 by 成文日期 (else 发布日期) in the year; 本年废止 a 废止 dated in the year;
 * 现行有效 issued by 31 December and not 废止 or 失效 by then (已修改 stays in force); drafts, 依申请公开 and
 * the class 其他 are not counted.
 */

interface Fixture {
  readonly key: string;
  readonly fields: Partial<PolicyFields>;
  /** The article is published (签发); otherwise it stays a draft. */
  readonly published: boolean;
  /** Saved after publication: the document repealed, amended or expired later. */
  readonly later?: Partial<PolicyFields>;
}

const FIXTURES: readonly Fixture[] = [
  // 规章
  { key: 'R1', fields: { policyClass: 'rule', writtenAt: '2025-03-10' }, published: true },
  {
    key: 'R2',
    fields: { policyClass: 'rule', writtenAt: '2024-06-01' },
    published: true,
    later: { validity: 'repealed', validityDate: '2025-05-01' },
  },
  {
    key: 'R3',
    fields: { policyClass: 'rule', writtenAt: '2023-01-15' },
    published: true,
    later: { validity: 'amended', validityDate: '2025-02-01' },
  },
  { key: 'R4', fields: { policyClass: 'rule', writtenAt: '2025-12-31' }, published: true },
  { key: 'R5', fields: { policyClass: 'rule', writtenAt: '2026-01-02' }, published: true },
  {
    key: 'R6',
    fields: { policyClass: 'rule', writtenAt: null, publishedAt: '2025-08-08' },
    published: true,
  },
  // 行政规范性文件
  { key: 'N1', fields: { policyClass: 'normative', writtenAt: '2025-04-01' }, published: true },
  {
    key: 'N2',
    fields: { policyClass: 'normative', writtenAt: '2025-02-01' },
    published: true,
    later: { validity: 'repealed', validityDate: '2025-11-30' },
  },
  {
    key: 'N3',
    fields: { policyClass: 'normative', writtenAt: '2022-05-05' },
    published: true,
    later: { validity: 'expired', validityDate: '2025-06-30' },
  },
  {
    key: 'N4',
    fields: { policyClass: 'normative', writtenAt: '2021-03-03' },
    published: true,
    later: { validity: 'repealed', validityDate: '2026-01-10' },
  },
  {
    key: 'N5',
    fields: {
      policyClass: 'normative',
      writtenAt: '2024-09-09',
      disclosure: 'on-request',
      disclosureReason: '涉及第三方商业信息，依申请公开',
    },
    published: false,
  },
  { key: 'N6', fields: { policyClass: 'normative', writtenAt: '2025-10-10' }, published: false },
  {
    key: 'N7',
    fields: { policyClass: 'normative', writtenAt: '2024-12-31' },
    published: true,
    later: { validity: 'repealed', validityDate: '2024-12-31' },
  },
  // 其他: never counted.
  { key: 'O1', fields: { policyClass: 'other', writtenAt: '2025-05-05' }, published: true },
];

/*
 * Worked by hand from the list above.
 * 2025, 规章: 制发 R1, R4, R6 = 3; 废止 R2 = 1; 现行有效 R1, R3 (amended), R4, R6 = 4 (R2 repealed, R5 issued 2026).
 * 2025, 规范性文件: 制发 N1, N2 = 2 (N6 a draft); 废止 N2 = 1 (N3 expired, N4 repealed in 2026, N7 in 2024);
 *   现行有效 N1, N4 = 2 (N2 repealed, N3 expired, N5 on request, N7 repealed).
 * 2024, 规章: 制发 R2 = 1; 废止 0; 现行有效 R2 (repealed only in 2025), R3 = 2.
 * 2024, 规范性文件: 制发 N7 = 1 (N5 on request); 废止 N7 = 1; 现行有效 N3 (expired only in 2025), N4 = 2.
 */
const EXPECTED = {
  2025: { rule: { issued: 3, repealed: 1, inForce: 4 }, normative: { issued: 2, repealed: 1, inForce: 2 } },
  2024: { rule: { issued: 1, repealed: 0, inForce: 2 }, normative: { issued: 1, repealed: 1, inForce: 2 } },
};

describe('table 二 of the annual report from the policy documents', () => {
  let t: TestGazette;
  let siteId: number;
  const system = systemPrincipal('test');
  const ids = new Map<string, number>();

  beforeAll(async () => {
    t = await startTestGazette({ demo: false, now: '2026-02-02T02:00:00.000Z' });
    const deps = t.gazette.deps;
    const site = await createSite(deps, system, {
      slug: 'qc',
      name: '青川县人民政府',
      baseUrl: 'https://www.qc.example.gov.cn',
      hosts: [],
      sponsor: {
        name: '青川县人民政府办公室',
        address: '青川县府前街1号',
        phone: '0000-0000000',
        email: 'a@example.gov.cn',
        postcode: '000000',
      },
      icpRecord: '测ICP备00000000号-1',
      policeRecord: '测公网安备00000000000000号',
      policeRecordCode: '',
      siteCode: '0000000000',
      footerNotice: '',
      language: 'zh-CN',
      accounts: [],
    });
    siteId = site.id;
    const column = (await deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'policy')!;
    for (const fixture of FIXTURES) {
      const article = await createArticle(deps, system, siteId, {
        columnId: column.id,
        title: `青川县人民政府关于测试文件${fixture.key}的通知`,
        bodyHtml: `<p>测试文件${fixture.key}。</p>`,
        source: '青川县人民政府',
        editor: '周岚',
      });
      const fields: PolicyFields = {
        ...EMPTY_POLICY_FIELDS,
        issuers: ['青川县人民政府'],
        genre: '通知',
        ...fixture.fields,
      };
      ids.set(fixture.key, article.id);
      await savePolicyDocument(deps, system, article.id, fields, null);
      if (fixture.published) await publishArticle(deps, system, article.id);
      if (fixture.later) {
        const stored = (await deps.store.policies.get(article.id))!;
        await savePolicyDocument(deps, system, article.id, { ...stored, ...fixture.later }, stored.version);
      }
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('counts 制发, 废止 and 现行有效 for 2025 and 2024 as worked by hand', async () => {
    for (const year of [2025, 2024] as const) {
      const report = await buildXxgkReport(t.gazette.deps, system, siteId, year);
      expect(report.active, String(year)).toEqual(EXPECTED[year]);
    }
  });

  it('writes the counts into the workbook sheet of table 二', async () => {
    const report = await buildXxgkReport(t.gazette.deps, system, siteId, 2025);
    const book = new ExcelJS.Workbook();
    const bytes = await xxgkReportWorkbook(report);
    await book.xlsx.load(new Uint8Array(bytes).buffer);
    const sheet = book.getWorksheet('二、主动公开政府信息情况')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const row = (label: string) => rows.find((r) => r[1] === label)?.slice(1);
    expect(row('规章')).toEqual(['规章', 3, 1, 4]);
    expect(row('行政规范性文件')).toEqual(['行政规范性文件', 2, 1, 2]);
  });

  it('leaves out a document withdrawn from the site, and counts it again once restored', async () => {
    const deps = t.gazette.deps;
    await withdrawArticle(deps, system, ids.get('R1')!, '误发，撤回核实');
    // R1 gone: 制发 R4, R6 = 2; 现行有效 R3, R4, R6 = 3.
    expect((await buildXxgkReport(deps, system, siteId, 2025)).active.rule).toEqual({
      issued: 2,
      repealed: 1,
      inForce: 3,
    });
    await restoreArticle(deps, system, ids.get('R1')!);
    expect((await buildXxgkReport(deps, system, siteId, 2025)).active.rule).toEqual(EXPECTED[2025].rule);
  });
});
