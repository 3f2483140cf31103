import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOptions, runImport } from '../../src/cli/import-command.js';
import { tinyPdf } from '../../src/demo/tiny-pdf.js';
import { attachmentFileName, crawledAttachments } from '../../src/import/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

const temp = mkdtempSync(join(tmpdir(), 'gazette-import-files-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const PDF = tinyPdf(['Qingchuan municipal measures, 2026']);

/** A page as an old CMS exported it: a site-root link, a relative link, a missing file and a hostile path. */
const page = (
  title: string,
) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>
<body><div class="article">
<h1>${title}</h1>
<div class="info">发布时间：2026-03-02 09:00 来源：青川市发展改革委</div>
<div class="TRS_Editor">
<p>现将有关事项通知如下。</p>
<p>附件：<a href="/zcwj/202603/P020260302_measures.pdf">青川市促进消费若干措施</a></p>
<p><a href="files/报名表.csv">报名表.csv</a></p>
<p><a href="/zcwj/202603/P020260302_lost.pdf">已丢失的附件</a></p>
<p><a href="../../../../etc/passwd.txt">不该读到的文件</a></p>
</div></div></body></html>`;

describe('gazette import brings attachments into the media library', () => {
  let test: TestGazette;
  beforeAll(async () => {
    test = await startTestGazette();
  });
  afterAll(async () => {
    await test.close();
  });

  it('copies files found beside the exported pages, attaches them, and reports the ones it could not find', async () => {
    const root = join(temp, 'export');
    const dir = join(root, 'zcwj', '202603');
    mkdirSync(join(dir, 'files'), { recursive: true });
    writeFileSync(join(dir, 't20260302_1.html'), page('关于印发促进消费若干措施的通知'));
    writeFileSync(join(dir, 'P020260302_measures.pdf'), PDF);
    writeFileSync(join(dir, 'files', '报名表.csv'), '姓名,单位\n张三,青川市发展改革委\n');

    const lines: string[] = [];
    const open = () => Promise.resolve({ ...test.gazette, close: () => Promise.resolve() });
    // Published, so that its files are public (a draft's files are served to signed-in editors only).
    const code = await runImport(open, importOptions({ column: 'zwgk/tzgg', publish: true }, [dir]), (line) =>
      lines.push(line),
    );
    const out = lines.join('\n');
    expect(code, out).toBe(0);
    expect(out).toMatch(/imported .*t20260302_1\.html/);
    expect(out).toMatch(/attachment 已丢失的附件: file not found beside the page/);
    expect(out).toMatch(/attachment 不该读到的文件: file not found beside the page/);

    const store = test.gazette.deps.store;
    const id = Number(/article (\d+)/.exec(out)?.[1]);
    const article = await store.articles.get(id);
    expect(article?.attachments.map((a) => [a.name, a.mime])).toEqual([
      ['青川市促进消费若干措施', 'application/pdf'],
      ['报名表.csv', 'text/csv'],
    ]);
    const pdf = article!.attachments[0]!;
    expect(pdf.size).toBe(PDF.length);
    // Served from the library under a stable link, with the Chinese name for the download.
    const res = await test.app.inject({ method: 'GET', url: pdf.url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('青川市促进消费若干措施'));

    // Importing the same export again brings nothing new in: the page is unchanged and its files are known.
    const before = readdirSync(join(test.dataDir, 'media'), { recursive: true }).length;
    const again: string[] = [];
    await runImport(open, importOptions({ column: 'zwgk/tzgg', publish: true }, [dir]), (line) =>
      again.push(line),
    );
    expect(again.join('\n')).toMatch(/skipped .*already imported, unchanged/);
    expect(readdirSync(join(test.dataDir, 'media'), { recursive: true }).length).toBe(before);
  });
});

describe('attachments of a crawled site', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/files/a.pdf') return response.writeHead(200).end(PDF);
      if (request.url === '/files/big.pdf') {
        response.writeHead(200);
        return response.end(Buffer.alloc(4096, 1));
      }
      response.writeHead(404).end();
      return undefined;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/news/a.html`;
  });
  afterAll(async () => new Promise((resolve) => server.close(resolve)));

  it('fetches same-site files only, within the size limit', async () => {
    const fetcher = crawledAttachments(base, 1024);
    const into = join(temp, 'fetched.pdf');
    expect(await fetcher({ name: 'a', url: '/files/a.pdf' }, into)).toEqual({ ok: true });
    expect(await fetcher({ name: 'b', url: '/files/missing.pdf' }, into)).toEqual({ refused: 'HTTP 404' });
    expect(await fetcher({ name: 'c', url: '/files/big.pdf' }, into)).toMatchObject({
      refused: expect.stringMatching(/too large/) as string,
    });
    expect(await fetcher({ name: 'd', url: 'http://elsewhere.example/x.pdf' }, into)).toMatchObject({
      refused: expect.stringMatching(/another site/) as string,
    });
  });

  it('names downloads with the extension the link text leaves out, without path characters', () => {
    expect(attachmentFileName({ name: '附件1：申报表', url: '/a/P0201.xlsx' })).toBe('附件1：申报表.xlsx');
    expect(attachmentFileName({ name: '../../x.pdf', url: '/a/x.pdf' })).toBe('_.._x.pdf');
    expect(attachmentFileName({ name: '', url: '/a/b.docx?v=2' })).toBe('attachment.docx');
  });
});
