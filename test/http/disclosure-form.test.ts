import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveWork } from '../../src/app/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

let t: TestGazette;
let address = 0;

beforeAll(async () => {
  t = await startTestGazette({ demo: true, now: '2026-11-20T02:00:00.000Z' });
});
afterAll(async () => t.close());

const PDF = Buffer.from('%PDF-1.4\n% identity paper\n');

/** A multipart body as a browser sends it, with a file part when given. */
function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const boundary = '----gazette-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="identity"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** The form's fields with a solved challenge (the proof of work the page's script would add). */
async function filledForm(over: Record<string, string> = {}): Promise<Record<string, string>> {
  const page = await t.app.inject({ method: 'GET', url: '/ysqgk/' });
  const token = /name="challenge" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const bits = Number(/data-work-bits="(\d+)"/.exec(page.body)?.[1] ?? '0');
  return {
    requesterKind: 'organisation',
    organisationType: 'research',
    name: '青川县农业科学研究所',
    idType: '',
    idNumber: '12510000MB0123456X',
    contactPerson: '李华',
    phone: '028-12345678',
    email: '',
    address: '',
    postcode: '',
    description: '请公开2025年度全县高标准农田建设项目验收报告。',
    purpose: '科研',
    delivery: 'online',
    challenge: token,
    work: solveWork(token, bits),
    answer: '',
    website: '',
    ...over,
  };
}

const post = (body: { payload: Buffer; headers: Record<string, string> }) => {
  address += 1;
  return t.app.inject({
    method: 'POST',
    url: '/ysqgk/',
    ...body,
    remoteAddress: `10.0.${Math.floor(address / 250)}.${address % 250}`,
  });
};

describe('the public request form (依申请公开)', () => {
  it('shows the form, the text question and the latest reply date, as valid HTML', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/ysqgk/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('验证问题');
    // Fri 20 Nov 2026: day 1 Mon 23 Nov, 20 working days to Fri 18 Dec.
    expect(res.body).toContain('最迟答复日期为 <strong>2026-12-18</strong>');
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(
      res.body,
    );
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
  });

  it('takes a request and gives its number and query code, with which the status is read', async () => {
    const res = await post(multipart(await filledForm(), { name: '营业执照.pdf', bytes: PDF }));
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    const number = /申请编号<\/dt>\s*<dd><strong>([0-9A-Z]+)</.exec(res.body)?.[1];
    const code = /查询码<\/dt>\s*<dd><strong>([0-9A-Z]+)</.exec(res.body)?.[1];
    expect(number).toMatch(/^20261120/);
    expect(code).toHaveLength(8);
    const status = await t.app.inject({
      method: 'POST',
      url: '/ysqgk/status',
      payload: `number=${number}&queryCode=${code}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('待登记');
    expect(status.body).not.toContain('李华');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/ysqgk/status',
      payload: `number=${number}&queryCode=AAAAAAAA`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('申请编号或查询码不正确');
  });

  it('refuses an empty description with a Chinese message naming the field, keeping nothing', async () => {
    const before = (await t.gazette.deps.store.disclosure.list(1, [], 1000)).length;
    const res = await post(multipart(await filledForm({ description: '  ' }), { name: 'a.pdf', bytes: PDF }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('所需信息的内容描述：请填写所需政府信息的内容描述');
    expect(res.body).toContain('href="#f-description"');
    // What was typed comes back; the next attempt gets a new question.
    expect(res.body).toContain('青川县农业科学研究所');
    expect((await t.gazette.deps.store.disclosure.list(1, [], 1000)).length).toBe(before);
  });

  it('refuses a 10 MB post with a clear message, and the server goes on answering', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    const res = await post(multipart(await filledForm(), { name: 'big.pdf', bytes: big }));
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('身份证明：文件不超过5MB');
    expect((await t.app.inject({ method: 'GET', url: '/ysqgk/' })).statusCode).toBe(200);
  });

  it('limits submissions from one address', async () => {
    const limit = t.gazette.deps.antiAbuse!.policy.perAddress.limit;
    const statuses: number[] = [];
    for (let i = 0; i < limit + 3; i++) {
      const form = await filledForm();
      const res = await t.app.inject({
        method: 'POST',
        url: '/ysqgk/',
        ...multipart(form, { name: 'a.pdf', bytes: PDF }),
        remoteAddress: '192.0.2.77',
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.body).toContain('提交过于频繁，请稍后再试');
        expect(res.headers['retry-after']).toBeDefined();
      }
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(limit);
    expect(statuses.slice(limit)).toEqual([429, 429, 429]);
  });
});
