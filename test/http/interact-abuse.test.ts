import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { answerFromPage, interactFixture, writeLetter, type InteractFixture } from '../support/interact.js';

/** The bad input and abuse cases of the letter form: each gets a clear answer and nothing personal leaks. */
let t: TestGazette;
let f: InteractFixture;

beforeAll(async () => {
  t = await startTestGazette({ now: '2026-12-07T02:00:00.000Z' });
  f = await interactFixture(t.gazette.deps);
});
afterAll(async () => t.close());

const form = 'application/x-www-form-urlencoded';

describe('互动交流 under abuse', () => {
  it('shows script and HTML in every field as text, never as markup', async () => {
    const script = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const { response, number, code } = await writeLetter(
      t.app,
      f.channel.id,
      {
        name: '<b>王五</b>',
        subject: `路灯${script}`.slice(0, 60),
        body: `正文${script}正文`,
        email: 'a@example.cn',
      },
      '10.9.0.1',
    );
    expect(response.statusCode, response.body).toBe(201);
    const status = await t.app.inject({
      method: 'POST',
      url: '/hudong/query',
      remoteAddress: '10.9.0.1',
      headers: { 'content-type': form },
      payload: new URLSearchParams({ number, code }).toString(),
    });
    expect(status.body).not.toContain('<script>alert(1)');
    expect(status.body).not.toContain('<img src=x');
    expect(status.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // A refused form shows what was typed back, escaped too.
    const refused = await t.app.inject({
      method: 'POST',
      url: `/hudong/write/${f.channel.id}`,
      remoteAddress: '10.9.0.2',
      headers: { 'content-type': form },
      payload: new URLSearchParams({ subject: script, body: script, phone: '1', challenge: 'x' }).toString(),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).not.toContain('<script>alert(1)');
  });

  it('answers a 100 KB letter with a clear refusal naming the field, and a 1 MB post with 413', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: `/hudong/write/${f.channel.id}`,
      remoteAddress: '10.9.1.1',
    });
    const { token, answer } = answerFromPage(page.body);
    const big = await t.app.inject({
      method: 'POST',
      url: `/hudong/write/${f.channel.id}`,
      remoteAddress: '10.9.1.1',
      headers: { 'content-type': form },
      payload: new URLSearchParams({
        phone: '13812341234',
        subject: '很长的留言',
        body: '长'.repeat((100 * 1024) / 3),
        challenge: token,
        answer,
      }).toString(),
    });
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('提交的内容过长');
    expect(big.body).toContain('字段：内容');
    const huge = await t.app.inject({
      method: 'POST',
      url: `/hudong/write/${f.channel.id}`,
      remoteAddress: '10.9.1.2',
      headers: { 'content-type': form },
      payload: `body=${'a'.repeat(1024 * 1024)}`,
    });
    expect(huge.statusCode).toBe(413);
  });

  it(
    'takes 10,000 submissions from one address in a minute: the first few, then 429, and stays responsive',
    { timeout: 180_000 },
    async () => {
      const page = await t.app.inject({
        method: 'GET',
        url: `/hudong/write/${f.channel.id}`,
        remoteAddress: '10.9.2.1',
      });
      const { token, answer } = answerFromPage(page.body);
      const payload = new URLSearchParams({
        phone: '13812341234',
        subject: '洪水攻击',
        body: '同一地址的大量提交',
        challenge: token,
        answer,
      }).toString();
      const statuses = new Map<number, number>();
      const started = performance.now();
      for (let batch = 0; batch < 100; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 100 }, () =>
            t.app.inject({
              method: 'POST',
              url: `/hudong/write/${f.channel.id}`,
              remoteAddress: '10.9.2.1',
              headers: { 'content-type': form },
              payload,
            }),
          ),
        );
        for (const a of answers) statuses.set(a.statusCode, (statuses.get(a.statusCode) ?? 0) + 1);
      }
      const seconds = (performance.now() - started) / 1000;
      // One letter accepted (the token is single-use), the next 9 refused as a used challenge, then 429 with
      // Retry-After for everything else from that address.
      expect(statuses.get(201)).toBe(1);
      expect(statuses.get(429)).toBe(10_000 - 10);
      // Refusals are cheap: the whole flood is turned away in well under a minute even on a shared machine.
      expect(seconds).toBeLessThan(60);
      const limited = await t.app.inject({
        method: 'POST',
        url: `/hudong/write/${f.channel.id}`,
        remoteAddress: '10.9.2.1',
        headers: { 'content-type': form },
        payload,
      });
      expect(limited.headers['retry-after']).toBeDefined();
      expect(limited.body).toContain('提交过于频繁');
      // Another reader is served at once, and another writer can still write.
      const home = await t.app.inject({ method: 'GET', url: '/' });
      expect(home.statusCode).toBe(200);
      const other = await writeLetter(t.app, f.channel.id, {}, '10.9.2.2');
      expect(other.response.statusCode).toBe(201);
      const stored = await t.gazette.deps.store.interact.listMessages({ siteId: f.siteId });
      expect(stored.filter((m) => m.subject === '洪水攻击')).toHaveLength(1);
    },
  );

  it('refuses a forged 查询码 and sequential 留言编号 guesses with one answer, then limits the guesser', async () => {
    const { number, code } = await writeLetter(t.app, f.channel.id, { subject: '我的秘密留言' }, '10.9.3.1');
    const ask = (n: string, c: string, address: string) =>
      t.app.inject({
        method: 'POST',
        url: '/hudong/query',
        remoteAddress: address,
        headers: { 'content-type': form },
        payload: new URLSearchParams({ number: n, code: c }).toString(),
      });
    const forged = await ask(number, code.slice(0, 9) + (code.endsWith('0') ? '1' : '0'), '10.9.3.2');
    expect(forged.statusCode).toBe(404);
    expect(forged.body).toContain('留言编号或查询码不正确');
    expect(forged.body).not.toContain('我的秘密留言');
    // Numbers are random: the next one in sequence is no letter, and unknown and wrong look the same.
    const prefix = number.slice(0, -1);
    const others = [...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'].filter((c) => c !== number.slice(-1));
    const guesses = [];
    for (let i = 0; i < 29; i++) guesses.push(await ask(`${prefix}${others[i]!}`, code, '10.9.3.3'));
    const bodies = new Set(
      guesses
        .filter((g) => g.statusCode === 404)
        .map((g) => /<div class="form-error"[^]*?<\/div>/.exec(g.body)?.[0]),
    );
    expect(bodies.size).toBe(1);
    for (const g of guesses) expect(g.body).not.toContain('我的秘密留言');
    const more = await ask(`${prefix}${others[29]!}`, code, '10.9.3.3');
    const limited = await ask(`${prefix}${others[30]!}`, code, '10.9.3.3');
    expect([more.statusCode, limited.statusCode]).toContain(429);
    // The right pair from an address not limited still works.
    expect((await ask(number, code, '10.9.3.4')).statusCode).toBe(200);
  });

  it('answers an executable sent as an attachment clearly, without storing anything', async () => {
    const boundary = '----gazette';
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="subject"\r\n\r\n带附件\r\n--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="setup.exe"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      exe,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const before = (await t.gazette.deps.store.interact.listMessages({ siteId: f.siteId })).length;
    const answer = await t.app.inject({
      method: 'POST',
      url: `/hudong/write/${f.channel.id}`,
      remoteAddress: '10.9.4.1',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(answer.statusCode).toBe(415);
    expect((await t.gazette.deps.store.interact.listMessages({ siteId: f.siteId })).length).toBe(before);
  });

  it('refuses a filled honeypot and a wrong answer with a clear message and a new question', async () => {
    const honeypot = await writeLetter(t.app, f.channel.id, { website: 'http://spam.example' }, '10.9.5.1');
    expect(honeypot.response.statusCode).toBe(400);
    expect(honeypot.response.body).toContain('请不要填写隐藏的字段');
    const page = await t.app.inject({
      method: 'GET',
      url: `/hudong/write/${f.channel.id}`,
      remoteAddress: '10.9.5.2',
    });
    const { token, answer } = answerFromPage(page.body);
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/hudong/write/${f.channel.id}`,
      remoteAddress: '10.9.5.2',
      headers: { 'content-type': form },
      payload: new URLSearchParams({
        phone: '13812341234',
        subject: '答错了',
        body: '验证问题答错时的提示',
        challenge: token,
        answer: String(Number(answer) + 1),
      }).toString(),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('验证问题回答不正确');
    expect(wrong.body).toContain('value="答错了"');
    expect(answerFromPage(wrong.body).token).not.toBe(token);
  });
});
