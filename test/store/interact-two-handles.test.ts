import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handleLetter, solveWork, submitLetter, type AppDeps } from '../../src/app/index.js';
import { ensureDemo, openGazette } from '../../src/boot/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createStore, openSqliteFile } from '../../src/store/index.js';
import { fixedClock } from '../support/gazette.js';
import { interactFixture } from '../support/interact.js';

/**
 * Two people replying to the same letter from two processes (two handles on one SQLite file, as two server
 * processes have): one reply is saved, the other is told that someone else handled the letter.
 */
const dir = mkdtempSync(join(tmpdir(), 'gazette-interact-two-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('letters across processes', () => {
  it('lets one of two replies from two processes win', async () => {
    const config = loadConfig({ GAZETTE_LOG_LEVEL: 'silent' }, { dataDir: dir });
    const gazette = await openGazette(config, { clock: fixedClock('2026-12-07T02:00:00.000Z') });
    try {
      await ensureDemo(gazette);
      const f = await interactFixture(gazette.deps);
      const guard = gazette.deps.antiAbuse!;
      const challenge = guard.challenge(`interact:${f.channel.id}`);
      const receipt = await submitLetter(
        gazette.deps,
        f.channel.id,
        {
          name: '',
          phone: '13812341234',
          email: '',
          address: '',
          subject: '两个进程同时答复',
          body: '两个进程同时答复同一封留言',
          wantsPublic: false,
          consent: false,
        },
        {
          bucket: `interact:${f.channel.id}`,
          address: '10.3.0.1',
          token: challenge.token,
          work: solveWork(challenge.token, challenge.workBits),
        },
      );
      const letter = (await gazette.deps.store.interact.getMessageByNumber(receipt.number))!;
      const second = openSqliteFile(join(dir, 'gazette.db'));
      try {
        const other: AppDeps = { ...gazette.deps, store: createStore(second.db, second.dialect) };
        const results = await Promise.allSettled([
          handleLetter(gazette.deps, f.handler, letter.id, letter.version, {
            type: 'draft',
            replyText: '进程一的答复',
          }),
          handleLetter(other, f.colleague, letter.id, letter.version, {
            type: 'draft',
            replyText: '进程二的答复',
          }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect((lost.reason as { code?: string }).code).toMatch(/^GZ_(MESSAGE_CHANGED|SAVE_CONFLICT)$/);
        const saved = (await gazette.deps.store.interact.getMessage(letter.id))!;
        expect(['进程一的答复', '进程二的答复']).toContain(saved.replyText);
        expect(saved.version).toBe(letter.version + 1);
      } finally {
        await second.close();
      }
    } finally {
      await gazette.close();
    }
  });
});
