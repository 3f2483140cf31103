import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveWork } from '../../src/app/index.js';
import { buildSite, currentBuild, outputLayout } from '../../src/publish/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

describe('政府信息公开 in the static build: the catalogue and the request form', () => {
  let t: TestGazette;
  let work: string;

  beforeAll(async () => {
    t = await startTestGazette();
    work = mkdtempSync(join(tmpdir(), 'gazette-xxgk-build-'));
    await buildSite({
      store: t.gazette.deps.store,
      theme: t.gazette.theme,
      now: t.clock.now(),
      out: join(work, 'site'),
      searchUrl: 'https://gazette.example.gov.cn/',
    });
  }, 120_000);

  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  const read = (path: string) =>
    readFileSync(join(currentBuild(outputLayout(join(work, 'site')))!.dir, path));

  it('writes the browse pages and one CSV per facet value, as the server answers them', async () => {
    const index = read('/xxgk/index.html').toString('utf8');
    expect(index).toContain('<h1>政府信息公开目录</h1>');
    expect(index).toContain('href="/xxgk/index_2.html"');
    const themePage = read('/xxgk/theme/综合政务/政务公开/index.html').toString('utf8');
    expect(themePage).toContain('青川市人民政府办公室关于印发青川市政府信息公开工作规定（修订）的通知');
    const csv = read('/xxgk/issuer/青川市教育局/documents.csv');
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.toString('utf8')).toContain('青教发〔2026〕5号');
    const served = await t.app.inject({ method: 'GET', url: '/xxgk/year/2026/documents.csv' });
    expect(read('/xxgk/year/2026/documents.csv').toString('utf8')).toBe(served.body);
  });

  const validate = async (html: string) => {
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html);
    return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`));
  };

  it('writes the request form as a first step posting to the server, which asks for the papers and the question', async () => {
    const page = read('/ysqgk/index.html').toString('utf8');
    expect(await validate(page)).toEqual([]);
    // Posts to the configured Gazette server; no stale question or date, no upload on the static copy.
    expect(page).toContain('action="https://gazette.example.gov.cn/ysqgk/" method="post"');
    expect(page).toContain('action="https://gazette.example.gov.cn/ysqgk/status" method="post"');
    expect(page).toContain('<input type="hidden" name="step" value="static">');
    expect(page).not.toContain('name="challenge"');
    expect(page).not.toContain('name="identity"');
    expect(page).not.toContain('最迟答复日期为');
    expect(page).toContain('action="https://gazette.example.gov.cn/ysqgk/" method="get"');

    // What the static form sends (urlencoded, as a browser does without a file input's multipart need).
    const typed = {
      step: 'static',
      requesterKind: 'citizen',
      name: '周敏',
      idType: '居民身份证',
      idNumber: '510000199001011234',
      phone: '13800001234',
      description: '请公开2026年青川市城区学校学位分配方案。',
      delivery: 'online',
    };
    const second = await t.app.inject({
      method: 'POST',
      url: '/ysqgk/',
      payload: new URLSearchParams(typed).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: '10.9.0.1',
    });
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('还差一步：请上传身份证明并回答验证问题');
    expect(second.body).toContain('value="周敏"');
    expect(second.body).toContain('请公开2026年青川市城区学校学位分配方案。</textarea>');
    expect(second.body).toContain('name="identity"');
    expect(second.body).not.toContain('name="step"');
    expect(await validate(second.body)).toEqual([]);
    // Nothing was filed by the first step.
    const filedCount = async () =>
      Number(
        (
          await sql<{ n: number }>`select count(*) as n from disclosure_requests`.execute(
            t.gazette.database.db,
          )
        ).rows[0]?.n,
      );
    expect(await filedCount()).toBe(0);

    // The server's page completes it: the papers and the challenge (here its proof of work).
    const token = /name="challenge" value="([^"]+)"/.exec(second.body)![1]!;
    const bits = Number(/data-work-bits="(\d+)"/.exec(second.body)![1]);
    const boundary = '----gazette-static-step';
    const fields: Record<string, string> = {
      ...typed,
      step: '',
      challenge: token,
      work: solveWork(token, bits),
      answer: '',
      website: '',
    };
    const body = Buffer.concat([
      ...Object.entries(fields).map(([name, value]) =>
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="identity"; filename="id.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%\r\n--${boundary}--\r\n`,
      ),
    ]);
    const filed = await t.app.inject({
      method: 'POST',
      url: '/ysqgk/',
      payload: body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      remoteAddress: '10.9.0.1',
    });
    expect(filed.statusCode, filed.body.slice(0, 300)).toBe(201);
    expect(filed.body).toContain('申请已提交');
    expect(await filedCount()).toBe(1);
  });
});
