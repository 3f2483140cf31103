import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveWork } from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

let t: TestGazette;
beforeAll(async () => {
  t = await startTestGazette({ demo: false });
});
afterAll(async () => t.close());

describe('public form protection', () => {
  it('hands out challenges for a named form, never cached, and refuses a malformed name', async () => {
    const answer = await t.app.inject({ method: 'GET', url: '/api/challenge?form=interact:3' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const body = answer.json<{ token: string; question: string; workBits: number }>();
    expect(body.question).toMatch(/等于几？$/);
    expect(body.workBits).toBeGreaterThan(0);
    // The token it gave is accepted by the guard once, with a proof of work.
    const guard = t.gazette.deps.antiAbuse!;
    const work = solveWork(body.token, body.workBits);
    await guard.admit({ bucket: 'interact:3', address: '127.0.0.9', token: body.token, work });
    await expect(
      guard.admit({ bucket: 'interact:3', address: '127.0.0.9', token: body.token, work }),
    ).rejects.toMatchObject({ code: 'GZ_CHALLENGE_EXPIRED' });
    for (const form of ['', 'INTERACT', 'interact:abc', '<script>', 'a'.repeat(40)]) {
      const refused = await t.app.inject({
        method: 'GET',
        url: `/api/challenge?form=${encodeURIComponent(form)}`,
      });
      expect(refused.statusCode).toBe(400);
    }
  });

  it('keeps its keys in the data directory, readable by the owner only', () => {
    for (const name of ['pii.key', 'challenge.key']) {
      expect(statSync(join(t.dataDir, name)).mode & 0o777).toBe(0o600);
    }
  });

  it('takes the personal-data key file from GAZETTE_PII_KEY_FILE', () => {
    const keys = join(t.dataDir, 'keys', 'pii.key');
    expect(loadConfig({ GAZETTE_PII_KEY_FILE: keys }, { dataDir: t.dataDir }).piiKeyFile).toBe(keys);
    expect(loadConfig({}, { dataDir: t.dataDir }).piiKeyFile).toBe(join(t.dataDir, 'pii.key'));
    expect(loadConfig({}, { dataDir: t.dataDir }).smtpUrl).toBeNull();
    expect(() => loadConfig({ GAZETTE_SMTP_URL: 'http://mail' }, { dataDir: t.dataDir })).toThrow(/smtp/);
  });
});
