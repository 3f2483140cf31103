import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../../src/demo/tiny-pdf.js';
import { parsePage, type ImportedBlock, type ImportedPage } from '../../src/import/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { runImportIn } from './run-import.js';

// Links in body paragraphs, lists, tables and captions keep their address through the import.
const PAGES = fileURLToPath(new URL('./pages/', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'gazette-import-links-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** links-body.html as the old site exported it: under its own path, with its attachment beside it. */
const exportDir = join(temp, 'export', 'zwgk', 'tzgg', '202406');
const bodyPage = join(exportDir, 't20240603_5521.html');
const savedPage = join(temp, 'saved', 'links-saved.html');
mkdirSync(exportDir, { recursive: true });
mkdirSync(join(temp, 'saved'));
copyFileSync(join(PAGES, 'links-body.html'), bodyPage);
writeFileSync(join(exportDir, 'P020240603_apply.pdf'), tinyPdf(['Yunxi graduate employment subsidy form']));
copyFileSync(join(PAGES, 'links-saved.html'), savedPage);

const run = runImportIn;

const OLD_SITE = 'https://rsj.yunxi.example.gov.cn';
/** Every address a hostile or meaningless link in the two pages carries: none may reach the output. */
const NEVER = ['javascript', 'JavaScript', 'vbscript', 'data:', 'file:', '#flow', 'alert('];

describe('gazette import --dry-run --format json: links in the body', () => {
  let blocks: readonly ImportedBlock[] = [];
  beforeAll(async () => {
    const { code, out } = await run(null, { 'dry-run': true, format: 'json' }, [bodyPage]);
    expect(code, out).toBe(0);
    blocks = (JSON.parse(out) as ImportedPage[])[0]?.items[0]?.blocks ?? [];
  });
  const block = (start: string) => blocks.find((b) => b.text.startsWith(start));

  it('keeps each block as { type, text } and adds links only to blocks that have some', () => {
    for (const b of blocks) {
      const keys = Object.keys(b).filter((key) => key !== 'links');
      expect(keys).toEqual(b.type === 'image' ? ['type', 'text', 'src', 'alt'] : ['type', 'text']);
    }
    expect(block('各县')).toEqual({ type: 'paragraph', text: '各县（市、区）人力资源和社会保障局：' });
    expect(block('根据')?.text).toBe(
      '根据《人力资源社会保障部关于做好2024年高校毕业生等青年就业创业工作的通知》和我局5月15日的工作部署，现就有关事项通知如下。',
    );
  });

  it('resolves relative links against the page address, absolute ones stay', () => {
    expect(block('根据')?.links).toEqual([
      {
        text: '《人力资源社会保障部关于做好2024年高校毕业生等青年就业创业工作的通知》',
        href: 'https://www.mohrss.example.gov.cn/zcwj/202405/t20240520_1.html',
      },
      { text: '我局5月15日的工作部署', href: `${OLD_SITE}/zwgk/tzgg/202405/t20240515_5490.html` },
    ]);
    expect(block('咨询电话')?.links?.map((l) => l.href)).toEqual([
      'tel:0871-12345678',
      'mailto:jyc@yunxi.example.gov.cn',
    ]);
  });

  it('finds links in list items, table cells and captions', () => {
    expect(block('云溪就业网')).toMatchObject({
      type: 'list',
      links: [
        { text: '云溪就业网', href: 'https://job.yunxi.example.gov.cn/' },
        { text: '服务指南', href: `${OLD_SITE}/zwgk/tzgg/202406/fwzn/index.html` },
      ],
    });
    expect(block('活动 | 时间')).toMatchObject({
      type: 'table',
      links: [
        { text: '春季校园招聘会', href: `${OLD_SITE}/zwgk/tzgg/202406/t20240601_5510.html` },
        { text: '在线报名', href: 'https://bm.yunxi.example.gov.cn/?id=12&type=2' },
      ],
    });
    expect(block('招聘会现场')).toMatchObject({
      type: 'image',
      links: [{ text: '云溪市政府网', href: 'https://www.yunxi.example.gov.cn/' }],
    });
  });

  it('drops javascript:, data: and in-page links but keeps their text', () => {
    expect(block('一是')?.text).toContain('二是落实就业补贴政策，申领流程见下文。');
    expect(block('一是')?.links).toEqual([{ text: '专题专栏', href: `${OLD_SITE}/ztzl/zyll/` }]);
    expect(block('云溪就业网')?.links?.map((l) => l.text)).not.toContain('线上办事大厅');
    expect(block('活动 | 时间')?.links?.map((l) => l.text)).not.toContain('点此报名');
    expect(JSON.stringify(blocks)).not.toMatch(/javascript|data:|#flow/i);
  });
});

describe('gazette import: links in the stored article body', () => {
  let test: TestGazette;
  beforeAll(async () => {
    test = await startTestGazette();
  });
  afterAll(() => test.close());

  const importOne = async (file: string) => {
    const { code, out } = await run(test, { column: 'zwgk/tzgg', format: 'json' }, [file]);
    expect(code, out).toBe(0);
    const [outcome] = (JSON.parse(out) as { outcomes: { status: string; articleIds: number[] }[] }).outcomes;
    const article = await test.gazette.deps.store.articles.get(outcome?.articleIds[0] ?? 0);
    if (!article) throw new Error(out);
    return { status: outcome?.status, article };
  };

  it('writes <a href> for links in paragraphs, lists, tables and captions; the attachment link points to the media library', async () => {
    const { article } = await importOne(bodyPage);
    const html = article.bodyHtml;
    expect(html).toContain(
      '根据<a href="https://www.mohrss.example.gov.cn/zcwj/202405/t20240520_1.html">《人力资源社会保障部关于做好2024年高校毕业生等青年就业创业工作的通知》</a>和' +
        `<a href="${OLD_SITE}/zwgk/tzgg/202405/t20240515_5490.html">我局5月15日的工作部署</a>，`,
    );
    expect(html).toContain(`见<a href="${OLD_SITE}/ztzl/zyll/">专题专栏</a>。二是落实就业补贴政策，`);
    expect(html).toContain('<a href="tel:0871-12345678">0871-12345678</a>');
    expect(html).toContain(
      '<li><a href="https://job.yunxi.example.gov.cn/">云溪就业网</a>：岗位信息每日更新；</li>',
    );
    expect(html).toMatch(/<li>线上办事大厅与<a href="[^"]+fwzn\/index\.html">服务指南<\/a>。<\/li>/);
    expect(html).toContain(
      `<td><a href="${OLD_SITE}/zwgk/tzgg/202406/t20240601_5510.html">春季校园招聘会</a></td>`,
    );
    expect(html).toContain(
      '<td><a href="https://bm.yunxi.example.gov.cn/?id=12&amp;type=2">在线报名</a></td>',
    );
    expect(html).toContain('<td>点此报名</td>');
    expect(html).toContain(
      '<figcaption>招聘会现场（图片来源：<a href="https://www.yunxi.example.gov.cn/">云溪市政府网</a>）</figcaption>',
    );
    for (const bad of NEVER) expect(html).not.toContain(bad);

    const [attachment] = article.attachments;
    expect(attachment?.name).toBe('高校毕业生就业补贴申请表');
    expect(attachment?.url).toMatch(/^\/media\//);
    expect(html).toContain(`附件：<a href="${attachment?.url ?? ''}">高校毕业生就业补贴申请表</a>`);
    expect(html).not.toContain('P020240603_apply.pdf');
  });

  it('keeps the attachment link on the library copy when a changed page is imported again', async () => {
    const changed = join(exportDir, 't20240603_5521.html');
    writeFileSync(changed, readFileSync(bodyPage, 'utf8').replace('每日更新', '每周更新'));
    const { status, article } = await importOne(changed);
    expect(status).toBe('updated');
    expect(article.bodyHtml).toContain('岗位信息每周更新');
    expect(article.bodyHtml).toContain(
      `<a href="${article.attachments[0]?.url ?? '?'}">高校毕业生就业补贴申请表</a>`,
    );
  });

  it('keeps site-relative links of a page saved without its address, and only the text of folder-relative ones', async () => {
    const { article } = await importOne(savedPage);
    const html = article.bodyHtml;
    expect(html).toContain('重点检查<a href="/gzdt/202406/t20240628_88.html">上月排查</a>发现问题');
    expect(html).toContain(
      '《<a href="https://www.law.example.gov.cn/xfaqf.html">中华人民共和国消防法</a>》',
    );
    expect(html).toContain('和区里今年的实施方案，群众可通过网上举报或电话反映隐患，也可到各街道举报点。');
    for (const bad of NEVER) expect(html).not.toContain(bad);
  });
});

describe('the address relative links resolve against', () => {
  const page = (head: string) =>
    Buffer.from(
      `<html><head><meta charset="utf-8">${head}<title>标题</title></head><body><h1>标题</h1>` +
        '<div class="TRS_Editor"><p>见<a href="../b/2.html">上一期</a>。</p></div></body></html>',
    );
  const hrefOf = (parsed: ImportedPage) => parsed.items[0]?.blocks[0]?.links?.[0]?.href;

  it('is the crawled URL, else the canonical one, and a <base href> before either', () => {
    const crawled = { url: 'http://10.0.0.5/xw/a/1.html' };
    expect(hrefOf(parsePage('1.html', page(''), crawled))).toBe('http://10.0.0.5/xw/b/2.html');
    const canonical = '<link rel="canonical" href="https://www.example.gov.cn/zx/a/1.html">';
    expect(hrefOf(parsePage('1.html', page(canonical)))).toBe('https://www.example.gov.cn/zx/b/2.html');
    expect(hrefOf(parsePage('1.html', page('<base href="/site/c/d/">'), crawled))).toBe(
      'http://10.0.0.5/site/c/b/2.html',
    );
    expect(hrefOf(parsePage('1.html', page('')))).toBe('../b/2.html');
  });
});
