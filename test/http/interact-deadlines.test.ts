import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  handleLetter,
  purgeExpiredPersonalData,
  readLetter,
  setCalendarDay,
  systemPrincipal,
  type LetterDetail,
} from '../../src/app/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { interactFixture, writeLetter, type InteractFixture } from '../support/interact.js';

/**
 * Deadlines in working days on the official calendar (counting from the next working day, across the Spring
 * Festival, National Day and a 调休 Saturday), their recomputation when the calendar changes, the email notice
 * of a published reply through a real SMTP server, and the retention purge of contact data.
 */
const mails: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let t: TestGazette;
let f: InteractFixture;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  t = await startTestGazette({
    now: '2026-02-13T02:00:00.000Z',
    env: { GAZETTE_SMTP_URL: `smtp://127.0.0.1:${port}`, GAZETTE_SMTP_FROM: 'no-reply@example.gov.cn' },
  });
  f = await interactFixture(t.gazette.deps, { kind: 'consult' });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const stored = async (number: string) => (await t.gazette.deps.store.interact.getMessageByNumber(number))!;

describe('letters: deadlines, notices, retention', () => {
  it('counts 5 working days across the Spring Festival 2026 and its 调休 Saturday', async () => {
    // Received Friday 2026-02-13. 春节 2026: 02-15 to 02-23 off; Saturday 02-14 and Saturday 02-28 are
    // working days (调休). Day 1 = Saturday 02-14, then 02-24, 02-25, 02-26, 02-27.
    t.clock.set('2026-02-13T02:00:00.000Z');
    const { number } = await writeLetter(t.app, f.channel.id, { subject: '春节前的咨询' }, '10.1.1.1');
    const letter = await stored(number);
    expect(letter.receivedOn).toBe('2026-02-13');
    expect(letter.dueOn).toBe('2026-02-27');
    const detail = await readLetter(t.gazette.deps, f.handler, letter.id);
    expect(detail.deadline.adjustedWorkdays.map((d) => d.date)).toContain('2026-02-14');
    expect(detail.deadline.holidays.map((d) => d.date)).toContain('2026-02-16');
    expect(detail.deadline.explanation).toContain('春节');
  });

  it('counts across National Day 2026 and recomputes open deadlines when the calendar changes', async () => {
    // Received Wednesday 2026-09-30. 国庆 2026: 10-01 to 10-07 off; Saturday 10-10 is a working day.
    // Day 1 = Thursday 10-08, then 10-09, Saturday 10-10, 10-12, 10-13.
    t.clock.set('2026-09-30T02:00:00.000Z');
    const { number } = await writeLetter(t.app, f.channel.id, { subject: '国庆前的咨询' }, '10.1.1.2');
    expect((await stored(number)).dueOn).toBe('2026-10-13');
    // A local holiday announced late on Friday 10-09: the open deadline moves a working day later, audited.
    await setCalendarDay(t.gazette.deps, systemPrincipal('test'), {
      date: '2026-10-09',
      kind: 'holiday',
      name: '本地假日',
      source: '本市通知',
    });
    expect((await stored(number)).dueOn).toBe('2026-10-14');
    const audit = await t.gazette.deps.store.audit.list({ action: 'interact.deadlines.recompute' }, 5, 0);
    expect(audit.length).toBeGreaterThan(0);
  });

  it('emails the writer through the SMTP server when the reply is published', async () => {
    t.clock.set('2026-12-07T02:00:00.000Z');
    const { number } = await writeLetter(
      t.app,
      f.channel.id,
      { subject: '请通知我', email: 'writer@example.cn' },
      '10.1.1.3',
    );
    const id = (await stored(number)).id;
    let letter: LetterDetail | null = await readLetter(t.gazette.deps, f.handler, id);
    letter = await handleLetter(t.gazette.deps, f.handler, id, letter.version, {
      type: 'draft',
      replyText: '已办理。',
    });
    letter = await handleLetter(t.gazette.deps, f.handler, id, letter!.version, { type: 'submit' });
    for (const reviewer of f.reviewers) {
      letter = await handleLetter(t.gazette.deps, reviewer, id, letter!.version, { type: 'approve' });
    }
    letter = await handleLetter(t.gazette.deps, f.publisher, id, letter!.version, { type: 'publish' });
    expect(letter!.status).toBe('answered');
    const mail = mails.find((m) => m.to.includes('writer@example.cn'));
    // The Chinese text travels encoded (base64 or quoted-printable): read it back as a mail client would.
    const [, body = ''] = (mail?.raw ?? '').split('\r\n\r\n');
    const decoded = /base64/i.test(mail?.raw ?? '')
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : body
          .replace(/=\r\n/g, '')
          .replace(/(=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replaceAll('=', ''), 'hex').toString('utf8'));
    expect(decoded).toContain(number);
    expect(decoded).toContain('已有答复');
    expect(letter!.events.map((e) => e.note)).toContain('已发送答复通知邮件');
  });

  it('deletes contact data of closed letters after the retention period', async () => {
    t.clock.set('2026-12-07T02:00:00.000Z');
    const { number } = await writeLetter(t.app, f.channel.id, { subject: '保存期限' }, '10.1.1.4');
    const letter = await stored(number);
    await handleLetter(t.gazette.deps, f.handler, letter.id, letter.version, {
      type: 'invalid',
      kind: 'duplicate',
      reason: '重复留言',
    });
    t.clock.set('2028-01-01T02:00:00.000Z');
    const done = await purgeExpiredPersonalData(t.gazette.deps, t.gazette.deps.clock.now());
    expect(done['interact-contacts']).toBeGreaterThan(0);
    const after = await stored(number);
    expect(after.contactSealed).toBe('');
    expect((await readLetter(t.gazette.deps, f.handler, after.id)).contactPurged).toBe(true);
  });
});
