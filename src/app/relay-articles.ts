import { createHash } from 'node:crypto';
import {
  GazetteError,
  holdsInSite,
  type Article,
  type Column,
  type Principal,
  type Site,
} from '../core/index.js';
import { changeArticleState } from './article-workflow.js';
import { afterCommit, type AppDeps } from './deps.js';
import { requirePlatformPermission } from './manage-platform.js';
import type { Relay, RelayStatus } from './ports-relays.js';
import type { ArticleContent, Store } from './ports.js';
import { audit, principalName, requirePermission, systemPrincipal } from './principal.js';
import { saveRevision } from './revisions.js';
import { plainText, sanitizeBody } from './sanitize.js';
import { updateArticle } from './write-article.js';

/**
 * 转载 between the sites of a platform (信息资源库). An editor or publisher of one site offers one of its
 * published articles to another active site (`relay.offer`), optionally proposing a column there. The
 * receiving site's editors, reviewers and publishers (`relay.accept`) see the offer in their incoming queue
 * and either decline it with a reason or accept it into one of their columns: the copy is made there, names
 * its origin (信息来源 = the original site, and a link to the original under that site's host at the end of the
 * body) and is submitted to the receiving column's own review; it is published only by the receiving site's
 * 签发, under its own host and identity.
 *
 * Corrections of the original never reach the copy by themselves: the copy is the receiving site's
 * publication. The queue marks a copy whose original has changed since it was taken (`originChanged`, by a
 * digest of the original's public content) or was withdrawn; an editor of the receiving site then takes the
 * update, which is an ordinary edit of the copy — a correction awaiting the site's own review when the copy
 * is published — or detaches the copy (`detached`: it has diverged and is no longer compared).
 */

const NOTE_MAX = 200;
const LIST_LIMIT = 200;
/** How far back a chain of copies is followed to find every site an article came through. */
const CHAIN_LIMIT = 32;

/** Digest of the public content of an article: what a copy is compared against. */
export function relayDigest(article: Article): string {
  const content = {
    title: article.title,
    kicker: article.kicker,
    subtitle: article.subtitle,
    summary: article.summary,
    bodyHtml: article.bodyHtml,
    source: article.source,
    author: article.author,
    coverUrl: article.coverUrl,
    coverAlt: article.coverAlt,
    attachments: article.attachments.map((a) => [a.name, a.url]),
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** The original's address under its own site's host. */
export function originUrl(site: Site, article: Article): string {
  return `${site.baseUrl.replace(/\/+$/, '')}${article.path ?? ''}`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The copy's content: the original's text, 信息来源 the original site, the link to the original last. */
export function relayContent(source: Article, sourceSite: Site, columnId: number): ArticleContent {
  const url = originUrl(sourceSite, source);
  const link = `<p>原文链接：<a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`;
  return {
    columnId,
    title: source.title,
    kicker: source.kicker,
    subtitle: source.subtitle,
    summary: source.summary,
    bodyHtml: sanitizeBody(`${source.bodyHtml}\n${link}`),
    source: sourceSite.name,
    originalAuthor: source.originalAuthor,
    originalTitle: source.originalTitle,
    author: source.author,
    editor: '',
    coverUrl: source.coverUrl,
    coverAlt: source.coverAlt,
    showCoverInBody: source.showCoverInBody,
    tags: source.tags,
  };
}

export interface RelayView extends Relay {
  readonly sourceTitle: string;
  readonly sourceSiteName: string;
  /** The original under its site's host (empty if it was never published). */
  readonly sourceUrl: string;
  readonly targetSiteName: string;
  /** The state of the receiving site's copy, once taken. */
  readonly copyStatus: Article['status'] | null;
  /** An accepted copy whose original's public content changed since it was taken. */
  readonly originChanged: boolean;
  /** The original is no longer published. */
  readonly originWithdrawn: boolean;
}

async function viewOf(store: Store, relay: Relay, sites: Map<number, Site>): Promise<RelayView> {
  const source = await store.articles.get(relay.sourceArticleId);
  const copy = relay.copyArticleId === null ? undefined : await store.articles.get(relay.copyArticleId);
  const sourceSite = sites.get(relay.sourceSiteId);
  const live = source?.status === 'published';
  return {
    ...relay,
    sourceTitle: source?.title ?? '',
    sourceSiteName: sourceSite?.name ?? '',
    sourceUrl: source && sourceSite && source.path ? originUrl(sourceSite, source) : '',
    targetSiteName: sites.get(relay.targetSiteId)?.name ?? '',
    copyStatus: copy?.status ?? null,
    originChanged:
      relay.status === 'accepted' &&
      source !== undefined &&
      live &&
      relayDigest(source) !== relay.sourceDigest,
    originWithdrawn: relay.status === 'accepted' && !live,
  };
}

async function sitesById(store: Store): Promise<Map<number, Site>> {
  return new Map((await store.sites.list()).map((s) => [s.id, s]));
}

async function activeSite(store: Store, siteId: number, field: string): Promise<Site> {
  const site = await store.sites.get(siteId);
  if (!site || site.status !== 'active')
    throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId), { field });
  return site;
}

async function articleColumnOf(store: Store, siteId: number, columnId: number): Promise<Column> {
  const column = await store.columns.get(columnId);
  if (!column || column.siteId !== siteId)
    throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(columnId), { field: 'columnId' });
  if (column.kind === 'link')
    throw new GazetteError('GZ_INVALID_INPUT', 'a link column holds no articles', { field: 'columnId' });
  return column;
}

function cleanText(value: string | undefined, field: string): string {
  const text = plainText(value ?? '');
  if ([...text].length > NOTE_MAX)
    throw new GazetteError('GZ_INVALID_INPUT', `at most ${NOTE_MAX} characters`, { field });
  return text;
}

async function relayOf(store: Store, relayId: number): Promise<Relay> {
  const relay = await store.relays.get(relayId);
  if (!relay) throw new GazetteError('GZ_RELAY_NOT_FOUND', String(relayId));
  return relay;
}

/** Every site an article came through (its own and, for a copy, its original's, and so on back). */
async function sitesOfChain(store: Store, article: Article): Promise<Set<number>> {
  const sites = new Set([article.siteId]);
  let articleId = article.id;
  for (let step = 0; step < CHAIN_LIMIT; step++) {
    const relay = await store.relays.findByCopy(articleId);
    if (!relay) break;
    sites.add(relay.sourceSiteId);
    articleId = relay.sourceArticleId;
  }
  return sites;
}

function moved(relay: Relay | undefined, relayId: number): Relay {
  if (!relay) throw new GazetteError('GZ_RELAY_DECIDED', String(relayId));
  return relay;
}

export interface OfferRelayCommand {
  readonly articleId: number;
  readonly targetSiteId: number;
  /** A column of the receiving site proposed for the copy (the receiver decides). */
  readonly columnId?: number | null;
  readonly note?: string;
}

/** Offers a published article of the principal's site to another site of the platform. */
export function offerRelay(
  deps: AppDeps,
  principal: Principal,
  command: OfferRelayCommand,
): Promise<RelayView> {
  const note = cleanText(command.note, 'note');
  return deps.store.transaction(async (store) => {
    const article = await store.articles.get(command.articleId);
    if (!article) throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(command.articleId));
    await requirePermission(store, principal, 'relay.offer', {
      siteId: article.siteId,
      columnId: article.columnId,
    });
    if (article.status !== 'published' || article.path === null)
      throw new GazetteError('GZ_RELAY_NOT_PUBLISHED', String(article.id));
    if (command.targetSiteId === article.siteId)
      throw new GazetteError('GZ_INVALID_INPUT', 'an article is offered to another site', {
        field: 'targetSiteId',
      });
    const target = await activeSite(store, command.targetSiteId, 'targetSiteId');
    if ((await sitesOfChain(store, article)).has(target.id))
      throw new GazetteError('GZ_RELAY_LOOP', `${article.id} → ${target.id}`, { field: 'targetSiteId' });
    const columnId = command.columnId ?? null;
    if (columnId !== null) await articleColumnOf(store, target.id, columnId);
    if (await store.relays.findLive(article.id, target.id))
      throw new GazetteError('GZ_RELAY_EXISTS', `${article.id} → ${target.id}`, { field: 'targetSiteId' });
    const now = deps.clock.now();
    const relay = await store.relays.add(
      {
        sourceArticleId: article.id,
        sourceSiteId: article.siteId,
        targetSiteId: target.id,
        columnId,
        note,
        offeredBy: principalName(principal),
      },
      now,
    );
    await audit(store, principal, now, {
      action: 'relay.offer',
      targetType: 'relay',
      targetId: String(relay.id),
      siteId: article.siteId,
      result: 'ok',
      summary: { articleId: article.id, title: article.title, targetSiteId: target.id, columnId, note },
    });
    return viewOf(store, relay, await sitesById(store));
  });
}

export interface SiteRelays {
  /** Offers made to the site and the copies it took, newest first. */
  readonly incoming: RelayView[];
  /** What the site offered to others, newest first. */
  readonly outgoing: RelayView[];
  /** The other active sites an article may be offered to. */
  readonly sites: { readonly id: number; readonly name: string }[];
}

/** The site's incoming queue and its offers; for whoever offers or accepts relays there. */
export async function listRelays(deps: AppDeps, principal: Principal, siteId: number): Promise<SiteRelays> {
  if (!holdsInSite(principal, 'relay.accept', siteId) && !holdsInSite(principal, 'relay.offer', siteId))
    throw new GazetteError('GZ_FORBIDDEN', 'relay.accept');
  const store = deps.store;
  const sites = await sitesById(store);
  if (!sites.has(siteId)) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
  const [incoming, outgoing] = await Promise.all([
    store.relays.listIncoming(siteId, LIST_LIMIT),
    store.relays.listOutgoing(siteId, LIST_LIMIT),
  ]);
  return {
    incoming: await Promise.all(incoming.map((r) => viewOf(store, r, sites))),
    outgoing: await Promise.all(outgoing.map((r) => viewOf(store, r, sites))),
    sites: [...sites.values()]
      .filter((s) => s.id !== siteId && s.status === 'active')
      .map((s) => ({ id: s.id, name: s.name })),
  };
}

/**
 * Takes an offer into a column of the receiving site: the copy (with the original's attachments, the
 * original site as 信息来源 and the link to the original) is made and submitted to the column's review, in
 * one transaction. The principal needs `relay.accept` on that column.
 */
export function acceptRelay(
  deps: AppDeps,
  principal: Principal,
  relayId: number,
  columnId: number,
): Promise<RelayView> {
  return afterCommit(deps, async (store, emit) => {
    const relay = await relayOf(store, relayId);
    await requirePermission(store, principal, 'relay.accept', { siteId: relay.targetSiteId, columnId });
    const column = await articleColumnOf(store, relay.targetSiteId, columnId);
    if (relay.status !== 'offered') throw new GazetteError('GZ_RELAY_DECIDED', String(relayId));
    const source = await store.articles.get(relay.sourceArticleId);
    if (!source || source.status !== 'published')
      throw new GazetteError('GZ_RELAY_NOT_PUBLISHED', String(relay.sourceArticleId));
    const sourceSite = await store.sites.get(source.siteId);
    if (!sourceSite) throw new GazetteError('GZ_SITE_NOT_FOUND', String(source.siteId));
    const now = deps.clock.now();
    // 责任编辑 of the copy: the person who took it into the receiving site.
    const editor = principal.kind === 'user' ? principal.user.displayName : '';
    const made = await store.articles.create(
      relay.targetSiteId,
      { ...relayContent(source, sourceSite, column.id), editor },
      null,
      now,
    );
    if (source.attachments.length > 0)
      await store.articles.replaceAttachments(
        made.id,
        source.attachments.map(({ name, url, mime, size }) => ({ name, url, mime, size })),
      );
    const copy = (await store.articles.get(made.id)) as Article;
    const actor = {
      actorId: principal.kind === 'user' ? principal.user.id : null,
      actorName: principalName(principal),
    };
    await saveRevision(store, copy, actor, `转载自${sourceSite.name}`, now);
    // Submitted on the receiving site's behalf: its own reviewers decide from the first level on.
    await changeArticleState(
      { ...deps, store, events: { emit } },
      systemPrincipal(`relay.accept:${principalName(principal)}`),
      copy.id,
      { type: 'submit' },
    );
    const accepted = moved(
      await store.relays.decide(
        relayId,
        'offered',
        {
          status: 'accepted',
          decidedBy: principalName(principal),
          reason: '',
          columnId: column.id,
          copyArticleId: copy.id,
          sourceDigest: relayDigest(source),
          syncedAt: now,
        },
        now,
      ),
      relayId,
    );
    await audit(store, principal, now, {
      action: 'relay.accept',
      targetType: 'relay',
      targetId: String(relayId),
      siteId: relay.targetSiteId,
      result: 'ok',
      summary: { sourceArticleId: source.id, sourceSiteId: source.siteId, copyArticleId: copy.id, columnId },
    });
    return viewOf(store, accepted, await sitesById(store));
  });
}

async function closeRelay(
  deps: AppDeps,
  principal: Principal,
  relayId: number,
  from: RelayStatus,
  to: RelayStatus,
  reasonText: string | undefined,
): Promise<RelayView> {
  const reason = cleanText(reasonText, 'reason');
  return deps.store.transaction(async (store) => {
    const relay = await relayOf(store, relayId);
    await requirePermission(store, principal, 'relay.accept', {
      siteId: relay.targetSiteId,
      columnId: to === 'detached' ? relay.columnId : null,
    });
    if (relay.status !== from) throw new GazetteError('GZ_RELAY_DECIDED', String(relayId));
    if (to === 'declined' && reason === '')
      throw new GazetteError('GZ_REASON_REQUIRED', 'a declined relay needs a reason', { field: 'reason' });
    const now = deps.clock.now();
    const closed = moved(
      await store.relays.decide(
        relayId,
        from,
        { status: to, decidedBy: principalName(principal), reason },
        now,
      ),
      relayId,
    );
    await audit(store, principal, now, {
      action: to === 'declined' ? 'relay.decline' : 'relay.detach',
      targetType: 'relay',
      targetId: String(relayId),
      siteId: relay.targetSiteId,
      result: 'ok',
      summary: { sourceArticleId: relay.sourceArticleId, copyArticleId: relay.copyArticleId, reason },
    });
    return viewOf(store, closed, await sitesById(store));
  });
}

/** Declines an offer, with a reason the sending site sees. */
export const declineRelay = (deps: AppDeps, principal: Principal, relayId: number, reason: string) =>
  closeRelay(deps, principal, relayId, 'offered', 'declined', reason);

/** Stops comparing a copy with its original: the copy has diverged and is the receiving site's alone. */
export const detachRelay = (deps: AppDeps, principal: Principal, relayId: number, reason?: string) =>
  closeRelay(deps, principal, relayId, 'accepted', 'detached', reason);

/**
 * Takes the original's current content into the copy: an ordinary edit of the copy by the principal (a
 * correction awaiting the receiving site's review when the copy is published), checked by the workflow like
 * any edit, in one transaction with the relay's new digest.
 */
export function takeRelayUpdate(deps: AppDeps, principal: Principal, relayId: number): Promise<RelayView> {
  return afterCommit(deps, async (store, emit) => {
    const relay = await relayOf(store, relayId);
    await requirePermission(store, principal, 'relay.accept', {
      siteId: relay.targetSiteId,
      columnId: relay.columnId,
    });
    if (relay.status !== 'accepted' || relay.copyArticleId === null)
      throw new GazetteError('GZ_RELAY_DECIDED', String(relayId));
    const source = await store.articles.get(relay.sourceArticleId);
    if (!source || source.status !== 'published')
      throw new GazetteError('GZ_RELAY_NOT_PUBLISHED', String(relay.sourceArticleId));
    const sourceSite = await store.sites.get(source.siteId);
    const copy = await store.articles.get(relay.copyArticleId);
    if (!sourceSite || !copy) throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(relay.copyArticleId));
    const digest = relayDigest(source);
    if (digest === relay.sourceDigest) return viewOf(store, relay, await sitesById(store));
    const content = relayContent(source, sourceSite, copy.columnId);
    await updateArticle({ ...deps, store, events: { emit } }, principal, copy.id, copy.version, {
      ...content,
      editor: copy.editor,
      tags: copy.tags,
    });
    const now = deps.clock.now();
    const updated = moved(
      await store.relays.decide(
        relayId,
        'accepted',
        { status: 'accepted', decidedBy: relay.decidedBy, reason: '', sourceDigest: digest, syncedAt: now },
        now,
      ),
      relayId,
    );
    await audit(store, principal, now, {
      action: 'relay.update',
      targetType: 'relay',
      targetId: String(relayId),
      siteId: relay.targetSiteId,
      result: 'ok',
      summary: { sourceArticleId: source.id, copyArticleId: copy.id },
    });
    return viewOf(store, updated, await sitesById(store));
  });
}

export interface PlatformQueueRow {
  readonly siteId: number;
  readonly name: string;
  readonly status: Site['status'];
  /** Articles waiting for a review decision on the site. */
  readonly inReview: number;
  /** Offers from other sites waiting in the site's incoming queue. */
  readonly relaysWaiting: number;
  /** When the oldest of them was offered (null: none waits). */
  readonly oldestRelayAt: string | null;
}

/** What waits on every site (reviews and incoming relays), for the platform's operators. */
export async function readPlatformQueue(deps: AppDeps, principal: Principal): Promise<PlatformQueueRow[]> {
  requirePlatformPermission(principal, 'platform.read');
  const [sites, counts, waiting] = await Promise.all([
    deps.store.sites.list(),
    deps.store.sites.counts(),
    deps.store.relays.waitingBySite(),
  ]);
  return sites.map((site) => ({
    siteId: site.id,
    name: site.name,
    status: site.status,
    inReview: counts.get(site.id)?.inReview ?? 0,
    relaysWaiting: waiting.get(site.id)?.count ?? 0,
    oldestRelayAt: waiting.get(site.id)?.oldestAt ?? null,
  }));
}
