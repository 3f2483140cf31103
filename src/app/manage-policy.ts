import { checkPolicyDocument, type Finding } from '../check/index.js';
import {
  checkReplacementChain,
  DEFAULT_INDEX_PATTERN,
  DEFAULT_THEME_TREE,
  EMPTY_POLICY_FIELDS,
  formatIndexNumber,
  GazetteError,
  indexPatternProblem,
  INTERPRETATION_KINDS,
  shanghaiParts,
  themePaths,
  validatePolicyFields,
  type Article,
  type InterpretationKind,
  type PolicyDocument,
  type PolicyFields,
  type Principal,
  type ThemeTree,
  type Warning,
} from '../core/index.js';
import { afterCommit, type AppDeps } from './deps.js';
import type { PolicySettings } from './ports-policy.js';
import type { Store } from './ports.js';
import { audit, permissionsFor, principalName, requirePermission } from './principal.js';

/** The settings a site has before its administrators change them. */
export function defaultPolicySettings(siteCode: string): PolicySettings {
  return {
    indexPattern: DEFAULT_INDEX_PATTERN,
    indexCode: siteCode,
    themes: DEFAULT_THEME_TREE,
    interpretationDays: 3,
  };
}

export async function policySettingsOf(store: Store, siteId: number): Promise<PolicySettings> {
  const saved = await store.policies.settings(siteId);
  if (saved) return saved;
  const site = await store.sites.get(siteId);
  return defaultPolicySettings(site?.siteCode ?? '');
}

async function articleOf(store: Store, articleId: number): Promise<Article> {
  const article = await store.articles.get(articleId);
  if (!article) throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(articleId));
  return article;
}

/**
 * Who may change a document's legal metadata: its author or an editor while it is not public, a publisher
 * once it is (a change of 有效性 on a published document is a publisher's act, audited).
 */
async function requireMetadataEdit(store: Store, principal: Principal, article: Article): Promise<void> {
  if (principal.kind === 'system') return;
  const held = await permissionsFor(store, principal, { siteId: article.siteId, columnId: article.columnId });
  if (held === 'all') return;
  const own = article.authorId === principal.user.id;
  const allowed =
    article.status === 'published'
      ? held.has('article.publish')
      : held.has('article.edit-any') || (own && held.has('article.edit-own'));
  if (!allowed) throw new GazetteError('GZ_FORBIDDEN', 'policy metadata');
}

/** The Asia/Shanghai calendar day of an instant, YYYY-MM-DD. */
export function shanghaiDate(iso: string): string {
  const p = shanghaiParts(iso);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The next 索引号 of the site's pattern, for the year of the document (its 成文日期, else today). */
export async function generateIndexNumber(store: Store, siteId: number, year: number): Promise<string> {
  const settings = await policySettingsOf(store, siteId);
  for (;;) {
    const seq = await store.policies.nextSequence(siteId, year);
    const value = formatIndexNumber(settings.indexPattern, { code: settings.indexCode, year, seq });
    // A number typed by hand may already hold this place of the sequence: take the next one.
    if ((await store.policies.findByIndexNumber(siteId, value)) === undefined) return value;
  }
}

export interface PolicySaveResult {
  readonly policy: PolicyDocument;
  /** What is saved but should be corrected (a 发文字号 with the wrong brackets), each with its fix. */
  readonly warnings: readonly Warning[];
}

/**
 * Makes an article a policy document or changes its legal metadata, in one transaction with a revision of
 * the fields and an audit record. An empty 索引号 is generated from the site's pattern. `expectedVersion` is
 * the policy version the editor started from (null: the article is not a policy document yet).
 */
export function savePolicyDocument(
  deps: AppDeps,
  principal: Principal,
  articleId: number,
  input: PolicyFields,
  expectedVersion: number | null,
  note = '',
): Promise<PolicySaveResult> {
  return afterCommit(deps, async (store, emit) => {
    const article = await articleOf(store, articleId);
    await requireMetadataEdit(store, principal, article);
    const settings = await policySettingsOf(store, article.siteId);
    const { fields: cleaned, warnings } = validatePolicyFields(input, themePaths(settings.themes));
    const current = await store.policies.get(articleId);
    if ((current?.version ?? null) !== expectedVersion) {
      throw new GazetteError('GZ_VERSION_CONFLICT', `policy document ${articleId}`, {
        expectedVersion,
        version: current?.version ?? null,
      });
    }
    const now = deps.clock.now();
    let fields = cleaned;
    if (fields.indexNumber === '') {
      const year = Number((fields.writtenAt ?? fields.publishedAt ?? shanghaiDate(now)).slice(0, 4));
      fields = { ...fields, indexNumber: await generateIndexNumber(store, article.siteId, year) };
    } else {
      const holder = await store.policies.findByIndexNumber(article.siteId, fields.indexNumber);
      if (holder !== undefined && holder !== articleId) {
        throw new GazetteError('GZ_INDEX_NUMBER_TAKEN', fields.indexNumber, {
          field: 'indexNumber',
          messageZh: `本站文件“${holder}”已使用索引号“${fields.indexNumber}”`,
        });
      }
    }
    if (fields.replacedBy !== null) {
      const replacement = await store.policies.get(fields.replacedBy);
      if (!replacement || replacement.siteId !== article.siteId) {
        throw new GazetteError('GZ_INVALID_POLICY_FIELD', 'replacedBy', {
          field: 'replacedBy',
          messageZh: '废止或修改本文件的文件须是本站的政策文件',
        });
      }
      const chain = new Map<number, number | null>();
      let next: number | null = fields.replacedBy;
      while (next !== null && !chain.has(next) && next !== articleId) {
        const doc: PolicyDocument | undefined = await store.policies.get(next);
        chain.set(next, doc?.replacedBy ?? null);
        next = doc?.replacedBy ?? null;
      }
      checkReplacementChain(articleId, fields.replacedBy, (id) => chain.get(id));
    }
    if (article.status === 'published' && fields.disclosure !== 'active') {
      throw new GazetteError('GZ_POLICY_NOT_PUBLIC', undefined, { field: 'disclosure' });
    }
    const policy = await store.policies.save(articleId, article.siteId, fields, expectedVersion, now);
    await store.policies.addRevision(
      {
        articleId,
        version: policy.version,
        fields,
        actorId: principal.kind === 'user' ? principal.user.id : null,
        actorName: principalName(principal),
        note,
      },
      now,
    );
    await audit(store, principal, now, {
      action: current ? 'policy.edit' : 'policy.create',
      targetType: 'article',
      targetId: String(articleId),
      siteId: article.siteId,
      result: 'ok',
      summary: { changes: fieldChanges(current ?? null, fields), warnings: warnings.map((w) => w.message) },
    });
    if (article.status === 'published') {
      emit({ type: 'article-updated', siteId: article.siteId, articleId });
      if (fields.replacedBy !== null) {
        emit({ type: 'article-updated', siteId: article.siteId, articleId: fields.replacedBy });
      }
    }
    return { policy, warnings };
  });
}

function fieldChanges(before: PolicyFields | null, after: PolicyFields): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(EMPTY_POLICY_FIELDS) as (keyof PolicyFields)[]) {
    const from = before?.[key];
    if (JSON.stringify(from) !== JSON.stringify(after[key])) {
      changes[key] = before ? { from, to: after[key] } : after[key];
    }
  }
  return changes;
}

export const isSecrecyDecision = (decision: string): boolean =>
  decision === 'secrecy-pass' || decision === 'secrecy-fail';

/**
 * 保密审查: the confidentiality review the 条例 requires before a document goes public, recorded with who,
 * when and the conclusion in the article's 审核记录. A reviewer of any level or a publisher of its column
 * records it; a policy document is published only after a passed review of its current round.
 */
export function recordSecrecyReview(
  deps: AppDeps,
  principal: Principal,
  articleId: number,
  passed: boolean,
  comment: string,
): Promise<void> {
  return afterCommit(deps, async (store) => {
    const article = await articleOf(store, articleId);
    if (!(await store.policies.get(articleId)))
      throw new GazetteError('GZ_POLICY_NOT_FOUND', String(articleId));
    if (principal.kind === 'user') {
      const held = await permissionsFor(store, principal, {
        siteId: article.siteId,
        columnId: article.columnId,
      });
      const may =
        held === 'all' ||
        ['article.review-1', 'article.review-2', 'article.review-3', 'article.publish'].some((p) =>
          held.has(p as never),
        );
      if (!may) throw new GazetteError('GZ_FORBIDDEN', 'secrecy review');
      if (article.authorId === principal.user.id) {
        throw new GazetteError('GZ_FORBIDDEN', 'nobody reviews their own document');
      }
    }
    const text = comment.trim();
    if (!passed && text === '') {
      throw new GazetteError('GZ_INVALID_INPUT', 'comment', {
        field: 'comment',
        messageZh: '保密审查未通过时须写明意见',
      });
    }
    const now = deps.clock.now();
    await store.articles.addReview({
      articleId,
      round: article.reviewRound,
      level: 0,
      userId: principal.kind === 'user' ? principal.user.id : null,
      actorName: principalName(principal),
      decision: passed ? 'secrecy-pass' : 'secrecy-fail',
      comment: text,
      at: now,
    });
    await audit(store, principal, now, {
      action: 'policy.secrecy-review',
      targetType: 'article',
      targetId: String(articleId),
      siteId: article.siteId,
      result: 'ok',
      summary: { passed, comment: text, round: article.reviewRound },
    });
  });
}

/**
 * What publishing a policy document needs, checked in the publication's transaction: 主动公开, and (for a
 * person's 签发) a passed 保密审查 of the current round as its latest conclusion. Fills the 发布日期 and the
 * 索引号 when they are still empty. Nothing happens for an article that is not a policy document.
 */
export async function preparePolicyPublication(
  store: Store,
  principal: Principal,
  article: Article,
  publishedAt: string | null,
  now: string,
): Promise<void> {
  const policy = await store.policies.get(article.id);
  if (!policy) return;
  if (policy.disclosure !== 'active')
    throw new GazetteError('GZ_POLICY_NOT_PUBLIC', undefined, { field: 'disclosure' });
  if (principal.kind === 'user') {
    const reviews = await store.articles.listReviews(article.id, article.reviewRound);
    const last = reviews.filter((r) => isSecrecyDecision(r.decision)).at(-1);
    if (last?.decision !== 'secrecy-pass') throw new GazetteError('GZ_SECRECY_REVIEW_REQUIRED');
  }
  const day = shanghaiDate(publishedAt ?? now);
  if (policy.publishedAt !== null && policy.indexNumber !== '') return;
  let fields: PolicyFields = { ...policy, publishedAt: policy.publishedAt ?? day };
  if (fields.writtenAt !== null && fields.publishedAt !== null && fields.writtenAt > fields.publishedAt) {
    fields = { ...fields, publishedAt: fields.writtenAt };
  }
  if (fields.indexNumber === '') {
    const year = Number((fields.writtenAt ?? day).slice(0, 4));
    fields = { ...fields, indexNumber: await generateIndexNumber(store, article.siteId, year) };
  }
  const saved = await store.policies.save(article.id, article.siteId, fields, policy.version, now);
  await store.policies.addRevision(
    {
      articleId: article.id,
      version: saved.version,
      fields,
      actorId: null,
      actorName: principalName(principal),
      note: '签发时补全',
    },
    now,
  );
}

/** Links a 解读 to the document it explains; both pages show the link. */
export function linkInterpretation(
  deps: AppDeps,
  principal: Principal,
  policyId: number,
  interpretationId: number,
  kind: InterpretationKind,
): Promise<void> {
  return afterCommit(deps, async (store, emit) => {
    if (!INTERPRETATION_KINDS.includes(kind)) {
      throw new GazetteError('GZ_INVALID_INPUT', 'kind', { field: 'kind', messageZh: '解读形式不正确' });
    }
    if (policyId === interpretationId) {
      throw new GazetteError('GZ_INVALID_INPUT', 'interpretationId', {
        field: 'interpretationId',
        messageZh: '文件不能是自己的解读',
      });
    }
    const policy = await articleOf(store, policyId);
    const interpretation = await articleOf(store, interpretationId);
    if (!(await store.policies.get(policyId)))
      throw new GazetteError('GZ_POLICY_NOT_FOUND', String(policyId));
    if (interpretation.siteId !== policy.siteId) {
      throw new GazetteError('GZ_INVALID_INPUT', 'interpretationId', {
        field: 'interpretationId',
        messageZh: '解读与文件须属于同一站点',
      });
    }
    await requireMetadataEdit(store, principal, interpretation);
    const existing = await store.policies.linksOf(policyId);
    if (existing.some((l) => l.policyId === policyId && l.interpretationId === interpretationId)) return;
    const now = deps.clock.now();
    await store.policies.link({ policyId, interpretationId, kind }, policy.siteId, now);
    await audit(store, principal, now, {
      action: 'policy.link-interpretation',
      targetType: 'article',
      targetId: String(policyId),
      siteId: policy.siteId,
      result: 'ok',
      summary: { interpretationId, kind },
    });
    for (const a of [policy, interpretation]) {
      if (a.status === 'published') emit({ type: 'article-updated', siteId: a.siteId, articleId: a.id });
    }
  });
}

export function unlinkInterpretation(
  deps: AppDeps,
  principal: Principal,
  policyId: number,
  interpretationId: number,
): Promise<boolean> {
  return afterCommit(deps, async (store, emit) => {
    const policy = await articleOf(store, policyId);
    const interpretation = await articleOf(store, interpretationId);
    await requireMetadataEdit(store, principal, interpretation);
    const removed = await store.policies.unlink(policyId, interpretationId);
    if (!removed) return false;
    await audit(store, principal, deps.clock.now(), {
      action: 'policy.unlink-interpretation',
      targetType: 'article',
      targetId: String(policyId),
      siteId: policy.siteId,
      result: 'ok',
      summary: { interpretationId },
    });
    for (const a of [policy, interpretation]) {
      if (a.status === 'published') emit({ type: 'article-updated', siteId: a.siteId, articleId: a.id });
    }
    return true;
  });
}

/** Checks a theme tree a site administrator typed: two levels, names without `/`, none twice. */
export function cleanThemeTree(tree: ThemeTree): ThemeTree {
  const seen = new Set<string>();
  const clean = (name: string) => {
    const value = name.trim();
    if (value === '' || value.includes('/') || [...value].length > 40) {
      throw new GazetteError('GZ_INVALID_INPUT', 'themes', {
        field: 'themes',
        messageZh: `主题分类名称“${value}”不正确：不能为空、不能含“/”、不超过40个字`,
      });
    }
    return value;
  };
  return tree.map((node) => {
    const name = clean(node.name);
    if (seen.has(name)) {
      throw new GazetteError('GZ_INVALID_INPUT', 'themes', {
        field: 'themes',
        messageZh: `主题分类“${name}”重复`,
      });
    }
    seen.add(name);
    const children = [...new Set(node.children.map(clean))];
    return { name, children };
  });
}

/** Changes a site's policy settings (site administrators). */
export function savePolicySettings(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  settings: PolicySettings,
): Promise<PolicySettings> {
  return afterCommit(deps, async (store, emit) => {
    await requirePermission(store, principal, 'site.settings', { siteId });
    const problem = indexPatternProblem(settings.indexPattern);
    if (problem) {
      throw new GazetteError('GZ_INVALID_INPUT', 'indexPattern', {
        field: 'indexPattern',
        messageZh: problem,
      });
    }
    const cleaned: PolicySettings = {
      indexPattern: settings.indexPattern.trim(),
      indexCode: settings.indexCode.trim(),
      themes: cleanThemeTree(settings.themes),
      interpretationDays: Math.max(0, Math.min(365, Math.trunc(settings.interpretationDays))),
    };
    const now = deps.clock.now();
    const before = await policySettingsOf(store, siteId);
    await store.policies.saveSettings(siteId, cleaned, now);
    await audit(store, principal, now, {
      action: 'policy.settings',
      targetType: 'site',
      targetId: String(siteId),
      siteId,
      result: 'ok',
      summary: {
        indexPattern: { from: before.indexPattern, to: cleaned.indexPattern },
        indexCode: { from: before.indexCode, to: cleaned.indexCode },
        themes: cleaned.themes.length,
        interpretationDays: cleaned.interpretationDays,
      },
    });
    emit({ type: 'site-updated', siteId });
    return cleaned;
  });
}

/** The check findings about an article's policy metadata (none when it is not a policy document). */
export async function policyFindings(store: Store, article: Article, now: string): Promise<Finding[]> {
  const policy = await store.policies.get(article.id);
  if (!policy) return [];
  const links = await store.policies.linksOf(article.id);
  const settings = await policySettingsOf(store, article.siteId);
  return checkPolicyDocument({
    documentNumber: policy.documentNumber,
    interpretations: links.filter((l) => l.policyId === article.id).length,
    publishedAt: article.status === 'published' ? article.publishedAt : null,
    graceDays: settings.interpretationDays,
    now,
  });
}

/** The site's policy settings, for anyone who reads its articles (the editor's theme list, the pattern). */
export async function readPolicySettings(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
): Promise<PolicySettings> {
  await requirePermission(deps.store, principal, 'article.read', { siteId });
  return policySettingsOf(deps.store, siteId);
}
