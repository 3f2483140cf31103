import { describe, expect, it } from 'vitest';
import { createAntiAbuse, parseAnswer, solveWork, type AntiAbuse } from './anti-abuse.js';
import type { AbuseCounterRepo } from './ports-abuse.js';

/** Counters in memory, as the store keeps them (one per key and window). */
function memoryCounters(): AbuseCounterRepo & { rows: Map<string, number> } {
  const rows = new Map<string, number>();
  return {
    rows,
    hit(key, windowStart) {
      const id = `${key}@${windowStart}`;
      const count = (rows.get(id) ?? 0) + 1;
      rows.set(id, count);
      return Promise.resolve(count);
    },
    purgeExpired: () => Promise.resolve(0),
  };
}

const secret = Buffer.alloc(32, 7);

function guard(now: { t: number }, counters = memoryCounters(), workBits = 8): AntiAbuse {
  return createAntiAbuse({
    secret,
    counters,
    now: () => now.t,
    policy: {
      perAddress: { limit: 3, windowSeconds: 60 },
      perBucket: { limit: 5, windowSeconds: 60 },
      workBits,
    },
  });
}

/** The answer to a challenge's question, read from its text as a person would. */
function answerOf(question: string): string {
  const numerals = '零一二三四五六七八九十';
  const [, x, op, y] = /^(.+?)(加|减)(.+?)等于几？$/.exec(question)!;
  const value = (text: string) => numerals.indexOf(text);
  return String(op === '加' ? value(x!) + value(y!) : value(x!) - value(y!));
}

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('anti-abuse', () => {
  it('accepts the right answer once, in words or digits, and refuses a replay', async () => {
    const now = { t: Date.parse('2026-12-08T00:00:00Z') };
    const g = guard(now);
    const c = g.challenge('interact:1');
    expect(c.question).toMatch(/^[零一二三四五六七八九十]+[加减][零一二三四五六七八九十]+等于几？$/);
    const base = { bucket: 'interact:1', address: '10.0.0.1', token: c.token };
    expect(await codeOf(g.admit({ ...base, answer: answerOf(c.question) }))).toBe('accepted');
    expect(await codeOf(g.admit({ ...base, answer: answerOf(c.question) }))).toBe('GZ_CHALLENGE_EXPIRED');
  });

  it('refuses a wrong answer, a forged or expired token, a token of another form and a filled honeypot', async () => {
    const now = { t: Date.parse('2026-12-08T00:00:00Z') };
    const g = guard(now);
    const c = g.challenge('interact:1');
    const base = { bucket: 'interact:1', token: c.token };
    const wrong = String(Number(answerOf(c.question)) + 1);
    expect(await codeOf(g.admit({ ...base, address: 'a', answer: wrong }))).toBe('GZ_CHALLENGE_FAILED');
    const [payload, signature] = c.token.split('.');
    // The token does not tell its question (a robot would read the sum off it): it is sealed, not only signed.
    expect(Buffer.from(payload!, 'base64url').toString('latin1')).not.toMatch(/"x"|"op"|interact/);
    const forged = Buffer.from(
      JSON.stringify({ b: 'interact:1', x: 1, y: 1, op: '+', e: now.t + 60_000 }),
    ).toString('base64url');
    expect(
      await codeOf(g.admit({ ...base, address: 'b', token: `${forged}.${signature!}`, answer: '2' })),
    ).toBe('GZ_CHALLENGE_EXPIRED');
    expect(
      await codeOf(g.admit({ ...base, address: 'c', bucket: 'interact:2', answer: answerOf(c.question) })),
    ).toBe('GZ_CHALLENGE_EXPIRED');
    expect(
      await codeOf(g.admit({ ...base, address: 'd', answer: answerOf(c.question), honeypot: 'x' })),
    ).toBe('GZ_SUBMISSION_REFUSED');
    now.t += 31 * 60 * 1000;
    expect(await codeOf(g.admit({ ...base, address: 'e', answer: answerOf(c.question) }))).toBe(
      'GZ_CHALLENGE_EXPIRED',
    );
  });

  it('takes a proof of work instead of the answer, and refuses a wrong one', async () => {
    const now = { t: Date.parse('2026-12-08T00:00:00Z') };
    const g = guard(now);
    const c = g.challenge('interact:1');
    expect(await codeOf(g.admit({ bucket: 'interact:1', address: 'a', token: c.token, work: 'nope' }))).toBe(
      'GZ_CHALLENGE_FAILED',
    );
    const work = solveWork(c.token, c.workBits);
    expect(await codeOf(g.admit({ bucket: 'interact:1', address: 'a', token: c.token, work }))).toBe(
      'accepted',
    );
  });

  it('limits an address and a form, and forgets the limit when the window has passed', async () => {
    const now = { t: Date.parse('2026-12-08T00:00:00Z') };
    const g = guard(now);
    const submit = (address: string) => {
      const c = g.challenge('interact:1');
      return codeOf(g.admit({ bucket: 'interact:1', address, token: c.token, answer: answerOf(c.question) }));
    };
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await submit('10.0.0.1'));
    expect(results).toEqual(['accepted', 'accepted', 'accepted', 'GZ_RATE_LIMITED', 'GZ_RATE_LIMITED']);
    // Other addresses fill the form's own limit (5 a minute).
    expect(await submit('10.0.0.2')).toBe('accepted');
    expect(await submit('10.0.0.3')).toBe('accepted');
    expect(await submit('10.0.0.4')).toBe('GZ_RATE_LIMITED');
    now.t += 61_000;
    expect(await submit('10.0.0.1')).toBe('accepted');
  });

  it('reads answers as people write them', () => {
    expect(parseAnswer(' 7 ')).toBe(7);
    expect(parseAnswer('７')).toBe(7);
    expect(parseAnswer('七')).toBe(7);
    expect(parseAnswer('十二')).toBe(12);
    expect(parseAnswer('两')).toBe(2);
    expect(parseAnswer('seven')).toBeNull();
    expect(parseAnswer('')).toBeNull();
  });
});
