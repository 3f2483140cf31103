import { createArticle, publishArticle, systemPrincipal, withdrawArticle } from '../../src/app/index.js';
import type { TestGazette } from '../support/gazette.js';

/** Publishes a notice and withdraws it (reason 内容有误); returns its path, which must answer 410. */
export async function withdrawnNotice(t: TestGazette): Promise<string> {
  const system = systemPrincipal('test');
  const [site] = await t.gazette.deps.store.sites.list();
  const notice = (await t.gazette.deps.store.columns.listBySite(site!.id)).find((c) => c.kind === 'notice')!;
  const draft = await createArticle(t.gazette.deps, system, site!.id, {
    columnId: notice.id,
    title: '将被撤下的通知',
    bodyHtml: '<p>x</p>',
  });
  const gone = await publishArticle(t.gazette.deps, system, draft.id);
  await withdrawArticle(t.gazette.deps, system, gone.id, '内容有误');
  return gone.path!;
}
