import type { InterpretationKind, PolicyDocument } from '../core/index.js';
import type { ArticleListItem, Store } from './ports.js';

export interface LinkedArticle {
  readonly title: string;
  readonly path: string;
  readonly kind: InterpretationKind;
}

/** What an article's public page shows of its policy side: its metadata, what replaced it, its 解读. */
export interface PolicyPageData {
  /** The article's own legal metadata, when it is a policy document that is 主动公开. */
  readonly policy: PolicyDocument | null;
  /** The published document that repealed or amended it. */
  readonly replacedBy: ArticleListItem | null;
  /** Published documents this one repealed or amended. */
  readonly replaces: readonly ArticleListItem[];
  /** Published 解读 of this document. */
  readonly interpretations: readonly LinkedArticle[];
  /** Published documents this article explains (when it is a 解读). */
  readonly explains: readonly LinkedArticle[];
}

export const NO_POLICY: PolicyPageData = {
  policy: null,
  replacedBy: null,
  replaces: [],
  interpretations: [],
  explains: [],
};

/** The policy side of a published article's page; only published counterparts are linked. */
export async function readPolicyPage(store: Store, articleId: number): Promise<PolicyPageData> {
  const [stored, links] = await Promise.all([
    store.policies.get(articleId),
    store.policies.linksOf(articleId),
  ]);
  const policy = stored?.disclosure === 'active' ? stored : null;
  if (!policy && links.length === 0) return NO_POLICY;
  const replaced = policy ? await store.policies.listReplacedBy(articleId) : [];
  const ids = [
    ...(policy?.replacedBy ? [policy.replacedBy] : []),
    ...replaced.map((d) => d.articleId),
    ...links.map((l) => (l.policyId === articleId ? l.interpretationId : l.policyId)),
  ];
  const items = new Map((await store.articles.listItemsByIds(ids)).map((i) => [i.id, i]));
  const linked = (id: number, kind: InterpretationKind): LinkedArticle[] => {
    const item = items.get(id);
    return item ? [{ title: item.title, path: item.path, kind }] : [];
  };
  return {
    policy,
    replacedBy: (policy?.replacedBy && items.get(policy.replacedBy)) || null,
    replaces: replaced.flatMap((d) =>
      items.has(d.articleId) ? [items.get(d.articleId) as ArticleListItem] : [],
    ),
    interpretations: links
      .filter((l) => l.policyId === articleId)
      .flatMap((l) => linked(l.interpretationId, l.kind)),
    explains: links
      .filter((l) => l.interpretationId === articleId)
      .flatMap((l) => linked(l.policyId, l.kind)),
  };
}
