import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArticle,
  createColumn,
  createSeries,
  createSite,
  publishArticle,
  publishSeries,
} from '../../src/app/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

const FIXTURE = new URL('../fixtures/pages/nmgrd-six-editorials-collection.expected.json', import.meta.url);
const present = existsSync(FIXTURE);

interface Expected {
  title: string;
  label: string;
  source: string;
  editor: string;
  members: { title: string }[];
}

describe.skipIf(!present)('series page built from the fixture collection (test/fixtures/pages)', () => {
  let t: TestGazette;
  let expected: Expected;

  beforeAll(async () => {
    expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Expected;
    t = await startTestGazette({ demo: false });
    const deps = t.gazette.deps;
    const system = { kind: 'system', reason: 'test' } as const;
    const site = await createSite(deps, system, {
      slug: 'main',
      name: '测试人大网',
      baseUrl: 'https://www.example.gov.cn',
      hosts: [],
      sponsor: {
        name: '测试主办单位',
        address: '测试地址',
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
    const column = await createColumn(deps, system, {
      siteId: site.id,
      parentId: null,
      slug: 'rdxw',
      name: '人大新闻',
      kind: 'news',
    });
    const ids: number[] = [];
    for (const [i, member] of expected.members.entries()) {
      const draft = await createArticle(deps, system, site.id, {
        columnId: column.id,
        title: member.title,
        bodyHtml: `<p>第${i + 1}篇的正文。</p>`,
        source: expected.source,
        editor: expected.editor,
      });
      await publishArticle(deps, system, draft.id);
      ids.push(draft.id);
    }
    const series = await createSeries(deps, system, {
      siteId: site.id,
      columnId: column.id,
      slug: 'six-editorials',
      title: expected.title,
      label: expected.label,
      leadHtml: '<p>导语。</p>',
      source: expected.source,
      editor: expected.editor,
      memberIds: ids,
    });
    await publishSeries(deps, system, series.id);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('shows the six member titles in order, each under its own anchor, with a table of contents', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/series/six-editorials/' });
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain(expected.title);
    expect(html).toContain(expected.label);
    expect(html).toContain(expected.source);
    expect(html).toContain(expected.editor);
    const toc = /<nav[^>]*>\s*<h2[^>]*>目录<\/h2>[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
    let tocAt = -1;
    let bodyAt = -1;
    expected.members.forEach((member, i) => {
      const anchor = `part-${i + 1}`;
      const inToc = toc.indexOf(`href="#${anchor}"`);
      expect(inToc, `TOC link ${anchor}`).toBeGreaterThan(tocAt);
      expect(toc.indexOf(member.title, inToc)).toBeGreaterThan(inToc);
      tocAt = inToc;
      const section = html.indexOf(`id="${anchor}"`);
      expect(section, `section ${anchor}`).toBeGreaterThan(bodyAt);
      const heading = new RegExp(`<h2[^>]*>[\\s\\S]*?${member.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
      expect(heading.test(html.slice(section))).toBe(true);
      bodyAt = section;
    });
  });
});

if (!present) {
  describe('series page built from the fixture collection', () => {
    it.skip('skipped: test/fixtures/pages lacks the collection page', () => undefined);
  });
}
