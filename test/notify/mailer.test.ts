import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../src/notify/index.js';

/** A real SMTP server in the test process: what it received, as raw messages. */
const received: { from: string; to: string[]; raw: string; user: string }[] = [];
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'gazette' && auth.password === 's3cret')
        return callback(null, { user: 'gazette' });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: String(session.user),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('mailer', () => {
  it('sends through the configured SMTP server, signed in', async () => {
    const mailer = createMailer({
      url: `smtp://gazette:s3cret@127.0.0.1:${port}`,
      from: '示例市人民政府网站 <no-reply@example.gov.cn>',
    });
    expect(mailer.configured).toBe(true);
    expect(mailer.description).toBe(`smtp://127.0.0.1:${port}`);
    expect(mailer.description).not.toContain('s3cret');
    const sent = await mailer.send({
      to: 'writer@example.cn',
      subject: '您的留言已答复',
      text: '留言编号 HD-ABC：答复已发布。',
    });
    expect(sent).toBe(true);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['writer@example.cn']);
    expect(received[0]!.from).toBe('no-reply@example.gov.cn');
    expect(received[0]!.user).toBe('gazette');
    expect(received[0]!.raw).toMatch(/Subject: =\?UTF-8\?/);
  });

  it('reports a refusal as GZ_MAIL_FAILED', async () => {
    const mailer = createMailer({
      url: `smtp://gazette:wrong@127.0.0.1:${port}`,
      from: 'no-reply@example.gov.cn',
    });
    await expect(mailer.send({ to: 'a@example.cn', subject: 's', text: 't' })).rejects.toMatchObject({
      code: 'GZ_MAIL_FAILED',
    });
  });

  it('sends nothing and says so when no server is configured', async () => {
    const mailer = createMailer({ url: null, from: 'no-reply@example.gov.cn' });
    expect(mailer.configured).toBe(false);
    expect(mailer.description).toContain('未配置');
    expect(await mailer.send({ to: 'a@example.cn', subject: 's', text: 't' })).toBe(false);
  });
});
