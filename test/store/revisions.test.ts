import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  diffRevisions,
  revisionContent,
  revisionOfArticle,
  saveRevision,
  type ArticleContent,
  type Store,
} from '../../src/app/index.js';
import type { Article } from '../../src/core/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

describe('article revisions', () => {
  let t: TestGazette;
  let store: Store;
  let article: Article;

  beforeAll(async () => {
    t = await startTestGazette();
    store = t.gazette.deps.store;
    const [first] = await store.articles.listPublished({ siteId: 1 }, 1, 0);
    article = (await store.articles.get(first!.id))!;
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  it('stores every field of the content and gives it back, newest first in the list', async () => {
    // Creating the article already stored its first revision.
    const [created] = await store.revisions.list(article.id);
    expect(created).toMatchObject({ articleId: article.id, note: '创建', actorName: 'system:demo content' });
    const first = await saveRevision(
      store,
      article,
      { actorId: null, actorName: 'system:demo' },
      '',
      '2026-11-28T01:00:00.000Z',
    );
    const edited: Article = {
      ...article,
      title: `${article.title}（更正）`,
      tags: ['更正', '安全生产'],
      version: article.version + 1,
    };
    const second = await saveRevision(
      store,
      edited,
      { actorId: 5, actorName: 'wang.min' },
      '',
      '2026-11-28T02:00:00.000Z',
    );

    expect(first.content).toEqual(revisionContent({ content: toContent(article) }));
    expect(await store.revisions.get(second.id)).toEqual({
      id: second.id,
      articleId: article.id,
      number: 3,
      version: article.version + 1,
      at: '2026-11-28T02:00:00.000Z',
      actorId: 5,
      actorName: 'wang.min',
      note: '',
      content: { ...toContent(article), title: `${article.title}（更正）`, tags: ['更正', '安全生产'] },
    });
    const list = await store.revisions.list(article.id);
    expect(list.map((r) => r.id)).toEqual([second.id, first.id, created!.id]);
    expect(list[0]).toEqual({
      id: second.id,
      articleId: article.id,
      number: 3,
      version: article.version + 1,
      at: '2026-11-28T02:00:00.000Z',
      actorId: 5,
      actorName: 'wang.min',
      note: '',
      title: `${article.title}（更正）`,
    });
    expect(await store.revisions.get(999_999)).toBeUndefined();
    expect(await store.revisions.list(999_999)).toEqual([]);

    const diff = diffRevisions(first, second);
    expect(diff.fields.filter((f) => f.changed).map((f) => f.field)).toEqual(['title', 'tags']);
    expect(diff.fields[0]!.parts.filter((p) => p.kind !== 'same')).toEqual([
      { kind: 'added', text: '（更正）' },
    ]);
  });

  it('gives a revision back as content a save can take, to restore it as a new revision', async () => {
    const saved = await saveRevision(
      store,
      article,
      { actorId: 5, actorName: 'wang.min' },
      'restored revision 1',
      '2026-11-28T03:00:00.000Z',
    );
    const content = revisionContent(saved);
    expect(content).toEqual(toContent(article));
    expect(content.tags).not.toBe(saved.content.tags);
    expect(saved.note).toBe('restored revision 1');
  });

  it('opens a revision only through the article it belongs to', async () => {
    const saved = await saveRevision(
      store,
      article,
      { actorId: null, actorName: 'system:test' },
      '',
      '2026-11-28T04:00:00.000Z',
    );
    expect(await revisionOfArticle(store, article.id, saved.id)).toEqual(saved);
    await expect(revisionOfArticle(store, article.id + 1, saved.id)).rejects.toMatchObject({
      code: 'GZ_REVISION_NOT_FOUND',
    });
    await expect(revisionOfArticle(store, article.id, 999_999)).rejects.toMatchObject({
      code: 'GZ_REVISION_NOT_FOUND',
    });
  });
});

function toContent(article: Article): ArticleContent {
  return {
    columnId: article.columnId,
    title: article.title,
    kicker: article.kicker,
    subtitle: article.subtitle,
    summary: article.summary,
    bodyHtml: article.bodyHtml,
    source: article.source,
    originalAuthor: article.originalAuthor,
    originalTitle: article.originalTitle,
    author: article.author,
    editor: article.editor,
    coverUrl: article.coverUrl,
    coverAlt: article.coverAlt,
    showCoverInBody: article.showCoverInBody,
    tags: article.tags,
  };
}
