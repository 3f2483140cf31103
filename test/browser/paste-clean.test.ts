/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeBody } from '../../src/app/sanitize.js';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { WEB_HTML, WORD_HTML, WPS_HTML } from './paste-fixtures.js';

/**
 * The paste cleaner of the admin editor (admin/src/editor/clean-paste.ts) in Chromium, on clipboard HTML
 * as Word 2016, WPS Office and a government web page (TRS editor) put it on the clipboard.
 */

let browser: Browser;
let page: Page;

const clean = (html: string) =>
  page.evaluate(
    (input) => (window as unknown as { cleanPastedHtml(h: string): string }).cleanPastedHtml(input),
    html,
  );

/** What the editor would never keep, whatever the source. */
function expectNoOfficeJunk(html: string): void {
  expect(html).not.toMatch(/\s(style|lang|align|width|face|valign|id|onclick|oldsrc)=/i);
  // The only classes are the paragraph styles the server keeps (src/app/sanitize.ts).
  for (const [, value] of html.matchAll(/\sclass="([^"]*)"/g)) {
    expect(value).toMatch(/^(align-center|align-right|indent-2)( indent-2)?$/);
  }
  expect(html).not.toMatch(/<\/?(span|font|o:p|div|xml|style|script|meta|link|v:|w:)/i);
  expect(html).not.toMatch(/mso-|<!--|<!\[|MsoNormal|file:\/\//i);
  expect(html).not.toMatch(/<p>(\s|&nbsp;|\u3000)*<\/p>/);
}

describe.skipIf(!hasChromium)('paste cleaning in Chromium', () => {
  beforeAll(async () => {
    const source = readFileSync(join(process.cwd(), 'admin/src/editor/clean-paste.ts'), 'utf8');
    const js = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    }).outputText;
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setContent('<!doctype html><meta charset="utf-8"><title>paste</title>');
    await page.addScriptTag({
      content: `${js.replace(/^export /gm, '')}\nwindow.cleanPastedHtml = cleanPastedHtml;`,
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('turns a Word document into headings, real lists, a table, bold, italic and a link', async () => {
    const html = await clean(WORD_HTML);
    expectNoOfficeJunk(html);
    // Word's paragraph alignment and first-line indent become the paragraph's style, not spaces.
    expect(html).toContain('<h2 class="align-center">关于做好2026年冬季供暖保障工作的通知</h2>');
    // Indentation typed as full-width spaces goes; Word's text-indent is the paragraph's indent.
    expect(html).toContain('<p class="indent-2">各区县人民政府，市政府各部门：</p>');
    // Word wraps its source inside sentences: no stray spaces between Chinese characters.
    expect(html).toContain(
      '<p class="indent-2">为切实做好今冬明春供暖保障工作，确保群众温暖过冬，经市政府同意，现将有关事项通知如下。</p>',
    );
    // Two bold runs Word split become one.
    expect(html).toContain('<p class="indent-2"><strong>一、总体要求</strong></p>');
    // The numbered MsoListParagraph run is an <ol>, its level-2 Wingdings bullet a nested <ul>.
    expect(html).toContain(
      '<ol><li>供热企业于11月15日前完成试运行；</li><li>居民室内温度不低于18℃；<ul><li>低保家庭另行补贴。</li></ul></li><li>热线电话12345全天受理。</li></ol>',
    );
    expect(html).toContain(
      // A first row all in bold is the table's header row.
      '<table><tbody><tr><th><p>区县</p></th><th><p>供暖面积（万平方米）</p></th></tr><tr><td><p>青川区</p></td><td><p>1280</p></td></tr></tbody></table>',
    );
    expect(html).toContain(
      '<p class="indent-2">详见<a href="https://www.example.gov.cn/zwgk/2026/heating.html">市住建局供暖专页</a>，或致电<em>市供热办</em>。</p>',
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('<p class="align-right">青川市人民政府办公室</p>');
  });

  it('cleans WPS Office HTML: fonts, colours and 4-decimal styles go, lists and merged cells stay', async () => {
    const html = await clean(WPS_HTML);
    expectNoOfficeJunk(html);
    expect(html).toContain(
      '<p class="align-center"><strong>青川市2026年政府信息公开工作年度报告</strong></p>',
    );
    expect(html).toContain(
      '<p class="indent-2">本报告根据<strong>《中华人民共和国政府信息公开条例》</strong>编制。</p>',
    );
    expect(html).toContain('<ol><li>主动公开政府信息1562条；</li><li>受理依申请公开87件。</li></ol>');
    // Chinese outline numbering stays the text of a paragraph: an <ol> cannot show （一）.
    expect(html).toContain('<p>（一） 规章制度建设情况</p>');
    // A first row that is neither bold nor marked as a header stays ordinary cells.
    expect(html).toContain('<td colspan="2"><p class="align-center">信息内容</p></td>');
    expect(html).toContain('<td><p>规范性文件</p></td>');
  });

  it('cleans a web page: no scripts, styles or javascript: links; https images keep their alt text', async () => {
    const html = await clean(WEB_HTML);
    expectNoOfficeJunk(html);
    expect(html).toContain(
      '<p class="indent-2">11月25日，市政府召开常务会议，研究部署冬季安全生产工作。</p>',
    );
    expect(html).toContain(
      '<p class="align-center"><img src="https://www.example.gov.cn/images/2026-11/W020261125_01.jpg" alt="会议现场"></p>',
    );
    expect(html).toContain(
      '<p class="indent-2"><strong>会议强调</strong>，要压实<strong>企业主体责任</strong>。分享 <a href="https://www.example.gov.cn/zcwj/">相关政策</a></p>',
    );
    // A <div> with a <br> is two paragraphs.
    expect(html).toContain('<p>各区县要抓好落实。</p><p>市应急局负责督导。</p>');
    expect(html).toContain(
      '<ul><li>排查隐患</li><li><p>加强值守</p><ul><li>节假日24小时值班</li></ul></li></ul>',
    );
    // Google Docs' <b style="font-weight:normal"> wrapper is not bold.
    expect(html).toContain('<p>责任单位：市应急管理局</p>');
    expect(html).not.toMatch(/javascript|window\.trs/);
  });

  it('produces only what the server keeps: the sanitiser leaves the cleaned HTML as it is', async () => {
    for (const [name, source] of Object.entries({ WORD_HTML, WPS_HTML, WEB_HTML })) {
      const html = await clean(source);
      // sanitize-html writes void elements as <img />; that is spelling, not content.
      expect(sanitizeBody(html).replaceAll(' />', '>'), name).toBe(html);
    }
  });

  it("keeps header rows: th cells, Word's repeated header row, and a bold first row", async () => {
    expect(
      await clean(
        '<table><tr style="mso-yfti-irow:0;mso-yfti-firstrow:yes;mso-yfti-tblheader:yes"><td><p class=MsoNormal>序号</p></td>' +
          '<td><p class=MsoNormal>事项</p></td></tr><tr><td><p class=MsoNormal>1</p></td><td><p class=MsoNormal>供暖</p></td></tr></table>',
      ),
    ).toBe(
      '<table><tbody><tr><th><p>序号</p></th><th><p>事项</p></th></tr><tr><td><p>1</p></td><td><p>供暖</p></td></tr></tbody></table>',
    );
    expect(
      await clean(
        '<table><thead><tr><th>区县</th></tr></thead><tbody><tr><td>青川区</td></tr></tbody></table>',
      ),
    ).toBe('<table><thead><tr><th>区县</th></tr></thead><tbody><tr><td>青川区</td></tr></tbody></table>');
    // Bold in only some cells of the first row is emphasis, not a header.
    expect(
      await clean(
        '<table><tr><td><b>区县</b></td><td>面积</td></tr><tr><td>青川区</td><td>1</td></tr></table>',
      ),
    ).toBe(
      '<table><tbody><tr><td><strong>区县</strong></td><td>面积</td></tr><tr><td>青川区</td><td>1</td></tr></tbody></table>',
    );
  });

  it('keeps alignment from the align attribute and the style, and ignores hanging and zero indents', async () => {
    expect(await clean('<p align=right>2026年12月1日</p><p style="text-align: center">居中</p>')).toBe(
      '<p class="align-right">2026年12月1日</p><p class="align-center">居中</p>',
    );
    expect(
      await clean('<p style="text-align:left;text-indent:0cm">左</p><p style="text-indent:-18pt">悬挂</p>'),
    ).toBe('<p>左</p><p>悬挂</p>');
    expect(await clean('<p style="text-indent:2em;text-align:right">落款</p>')).toBe(
      '<p class="align-right indent-2">落款</p>',
    );
  });

  it('keeps plain pasted text and small fragments as they are', async () => {
    expect(await clean('<p>春回大地。</p>')).toBe('<p>春回大地。</p>');
    expect(await clean('一段没有标签的文字')).toBe('<p>一段没有标签的文字</p>');
    expect(await clean('<h1>标题</h1><h3>小标题</h3>')).toBe('<h2>标题</h2><h3>小标题</h3>');
    expect(await clean('<p><b>粗</b><i>斜</i><u>下划线</u></p>')).toBe(
      '<p><strong>粗</strong><em>斜</em>下划线</p>',
    );
    expect(await clean('<p>A<span style="font-style:italic">B</span></p>')).toBe('<p>A<em>B</em></p>');
  });
});
