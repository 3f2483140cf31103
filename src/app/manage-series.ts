import { assertSeriesSlug, GazetteError, type Article, type Principal, type Series } from '../core/index.js';
import { afterCommit, type AppDeps } from './deps.js';
import type { SeriesInput, Store } from './ports.js';
import { audit, requirePermission } from './principal.js';
import { requireAnyPermission } from './read-admin.js';
import { plainText, sanitizeBody } from './sanitize.js';

export interface CreateSeriesCommand {
  readonly siteId: number;
  readonly columnId: number | null;
  readonly slug: string;
  readonly title: string;
  readonly label: string;
  readonly leadHtml: string;
  readonly source: string;
  readonly editor: string;
  readonly memberIds: readonly number[];
}

export function createSeries(
  deps: AppDeps,
  principal: Principal,
  command: CreateSeriesCommand,
): Promise<Series> {
  const clean = cleanSeries(command);
  return afterCommit(deps, async (store) => {
    await requirePermission(store, principal, 'series.manage', {
      siteId: command.siteId,
      columnId: command.columnId,
    });
    if (await store.series.getBySlug(command.siteId, command.slug)) {
      throw new GazetteError('GZ_SERIES_SLUG_TAKEN', command.slug);
    }
    await checkPlace(store, clean);
    const now = deps.clock.now();
    const series = await store.series.create(clean, now);
    await audit(store, principal, now, {
      action: 'series.create',
      targetType: 'series',
      targetId: String(series.id),
      siteId: command.siteId,
      result: 'ok',
      summary: { title: series.title, members: series.memberIds },
    });
    return series;
  });
}

/** Publishes a series page; like an article, only the system may give it an earlier date. */
export function publishSeries(
  deps: AppDeps,
  principal: Principal,
  seriesId: number,
  at?: string,
  version?: number,
): Promise<Series> {
  return afterCommit(deps, async (store, emit) => {
    const series = await store.series.get(seriesId);
    if (!series) throw new GazetteError('GZ_SERIES_NOT_FOUND', String(seriesId));
    await requirePermission(store, principal, 'article.publish', {
      siteId: series.siteId,
      columnId: series.columnId,
    });
    const now = deps.clock.now();
    let when = now;
    if (at !== undefined) {
      const ms = Date.parse(at);
      if (Number.isNaN(ms))
        throw new GazetteError('GZ_INVALID_INPUT', 'publish time is not a time', { field: 'at' });
      if (ms < Date.parse(now) && principal.kind !== 'system')
        throw new GazetteError('GZ_BACKDATE_FORBIDDEN');
      when = new Date(ms).toISOString();
    }
    const published = await store.series.setPublication(
      seriesId,
      'published',
      series.publishedAt ?? when,
      now,
      version,
    );
    await audit(store, principal, now, {
      action: 'series.publish',
      targetType: 'series',
      targetId: String(seriesId),
      siteId: series.siteId,
      result: 'ok',
      summary: { title: series.title, publishedAt: published.publishedAt },
    });
    emit({ type: 'series-published', siteId: series.siteId, seriesId });
    return published;
  });
}

/** Validates and cleans what an editor typed: plain text, sanitised lead, unique members. */
function cleanSeries(input: SeriesInput): SeriesInput {
  assertSeriesSlug(input.slug);
  const title = plainText(input.title);
  if (title === '') throw new GazetteError('GZ_INVALID_INPUT', 'title is required', { field: 'title' });
  if (title.length > 200) {
    throw new GazetteError('GZ_INVALID_INPUT', 'title is longer than 200 characters', { field: 'title' });
  }
  if (new Set(input.memberIds).size !== input.memberIds.length) {
    throw new GazetteError('GZ_INVALID_INPUT', 'an article appears twice in the series', {
      field: 'memberIds',
    });
  }
  return {
    ...input,
    title,
    label: plainText(input.label) || '合集',
    leadHtml: sanitizeBody(input.leadHtml),
    source: plainText(input.source),
    editor: plainText(input.editor),
  };
}

/** The column and every member must belong to the series' site. */
async function checkPlace(store: Store, input: SeriesInput): Promise<void> {
  if (input.columnId !== null) {
    const column = await store.columns.get(input.columnId);
    if (!column || column.siteId !== input.siteId) {
      throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(input.columnId), { field: 'columnId' });
    }
  }
  for (const id of input.memberIds) {
    const member = await store.articles.get(id);
    if (!member || member.siteId !== input.siteId) {
      throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(id), { field: 'memberIds' });
    }
  }
}

async function loadSeries(store: Store, seriesId: number): Promise<Series> {
  const series = await store.series.get(seriesId);
  if (!series) throw new GazetteError('GZ_SERIES_NOT_FOUND', String(seriesId));
  return series;
}

/** Series of a site for whoever may manage series there, or read its articles. */
export async function listSeries(deps: AppDeps, principal: Principal, siteId: number): Promise<Series[]> {
  await requireSeriesReader(deps.store, principal, siteId, null);
  return deps.store.series.listBySite(siteId);
}

export async function readSeriesForAdmin(
  deps: AppDeps,
  principal: Principal,
  seriesId: number,
): Promise<Series> {
  const series = await loadSeries(deps.store, seriesId);
  await requireSeriesReader(deps.store, principal, series.siteId, series.columnId);
  return series;
}

/** A member of a series as the admin lists it. */
export interface SeriesMemberSummary {
  readonly id: number;
  readonly title: string;
  readonly status: Article['status'];
  readonly path: string | null;
  readonly publishedAt: string | null;
}

/** A series with its members in reading order (a member deleted since is left out). */
export async function readSeriesWithMembers(
  deps: AppDeps,
  principal: Principal,
  seriesId: number,
): Promise<{ readonly series: Series; readonly members: SeriesMemberSummary[] }> {
  const series = await readSeriesForAdmin(deps, principal, seriesId);
  const members = await Promise.all(series.memberIds.map((memberId) => deps.store.articles.get(memberId)));
  return {
    series,
    members: members.flatMap((a) =>
      a ? [{ id: a.id, title: a.title, status: a.status, path: a.path, publishedAt: a.publishedAt }] : [],
    ),
  };
}

const requireSeriesReader = (store: Store, principal: Principal, siteId: number, columnId: number | null) =>
  requireAnyPermission(store, principal, ['series.manage', 'article.read'], { siteId, columnId });

export type SeriesFields = Omit<SeriesInput, 'siteId' | 'memberIds'>;

/**
 * Changes a series' title, slug, label, lead text, source, editor or column. The slug is its public address:
 * once published it never changes (`GZ_SLUG_LOCKED`). `GZ_VERSION_CONFLICT` when someone saved meanwhile.
 */
export function updateSeries(
  deps: AppDeps,
  principal: Principal,
  seriesId: number,
  version: number,
  fields: SeriesFields,
): Promise<Series> {
  return changeSeries(deps, principal, seriesId, version, 'series.update', (before) => ({
    ...fields,
    siteId: before.siteId,
    memberIds: before.memberIds,
  }));
}

/** Replaces the members in reading order: adding, removing and reordering are one call. */
export function setSeriesMembers(
  deps: AppDeps,
  principal: Principal,
  seriesId: number,
  version: number,
  memberIds: readonly number[],
): Promise<Series> {
  return changeSeries(deps, principal, seriesId, version, 'series.members', (before) => ({
    siteId: before.siteId,
    columnId: before.columnId,
    slug: before.slug,
    title: before.title,
    label: before.label,
    leadHtml: before.leadHtml,
    source: before.source,
    editor: before.editor,
    memberIds,
  }));
}

async function changeSeries(
  deps: AppDeps,
  principal: Principal,
  seriesId: number,
  version: number,
  action: 'series.update' | 'series.members',
  next: (before: Series) => SeriesInput,
): Promise<Series> {
  return afterCommit(deps, async (store, emit) => {
    const before = await loadSeries(store, seriesId);
    await requirePermission(store, principal, 'series.manage', {
      siteId: before.siteId,
      columnId: before.columnId,
    });
    const clean = cleanSeries(next(before));
    if (clean.columnId !== before.columnId) {
      await requirePermission(store, principal, 'series.manage', {
        siteId: before.siteId,
        columnId: clean.columnId,
      });
    }
    if (clean.slug !== before.slug) {
      if (before.publishedAt !== null)
        throw new GazetteError('GZ_SLUG_LOCKED', before.slug, { field: 'slug' });
      const taken = await store.series.getBySlug(before.siteId, clean.slug);
      if (taken && taken.id !== seriesId) throw new GazetteError('GZ_SERIES_SLUG_TAKEN', clean.slug);
    }
    await checkPlace(store, clean);
    const now = deps.clock.now();
    const after = await store.series.update(seriesId, version, clean, now);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['columnId', 'slug', 'title', 'label', 'leadHtml', 'source', 'editor'] as const) {
      if (before[key] !== after[key]) changed[key] = { from: before[key], to: after[key] };
    }
    if (before.memberIds.join(',') !== after.memberIds.join(',')) {
      changed['memberIds'] = { from: before.memberIds, to: after.memberIds };
    }
    await audit(store, principal, now, {
      action,
      targetType: 'series',
      targetId: String(seriesId),
      siteId: before.siteId,
      result: 'ok',
      summary: { title: after.title, changed },
    });
    if (after.status === 'published') emit({ type: 'series-published', siteId: after.siteId, seriesId });
    return after;
  });
}

/** Takes a published series page down (back to draft); its members stay published. */
export function withdrawSeries(
  deps: AppDeps,
  principal: Principal,
  seriesId: number,
  version: number,
): Promise<Series> {
  return afterCommit(deps, async (store, emit) => {
    const series = await loadSeries(store, seriesId);
    await requirePermission(store, principal, 'article.withdraw', {
      siteId: series.siteId,
      columnId: series.columnId,
    });
    if (series.status !== 'published')
      throw new GazetteError('GZ_WORKFLOW_CONFLICT', 'series is not published');
    const now = deps.clock.now();
    // The first publication date stays: publishing again shows the same date, as for articles.
    const after = await store.series.setPublication(seriesId, 'draft', series.publishedAt, now, version);
    await audit(store, principal, now, {
      action: 'series.withdraw',
      targetType: 'series',
      targetId: String(seriesId),
      siteId: series.siteId,
      result: 'ok',
      summary: { title: series.title },
    });
    // No event says "a series page is gone": a full rebuild of the site's pages removes it everywhere.
    emit({ type: 'site-updated', siteId: series.siteId });
    return after;
  });
}
