import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, currentBuild, outputLayout } from '../../src/publish/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

describe('the catalogue in the static build', () => {
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
});
