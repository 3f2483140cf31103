import { assertSeriesSlug, GazetteError, type Principal, type Series } from '../core/index.js';
import { afterCommit, type AppDeps } from './deps.js';
import { audit, requirePermission } from './principal.js';
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
  assertSeriesSlug(command.slug);
  const title = plainText(command.title);
  if (title === '') throw new GazetteError('GZ_INVALID_INPUT', 'title is required', { field: 'title' });
  if (new Set(command.memberIds).size !== command.memberIds.length) {
    throw new GazetteError('GZ_INVALID_INPUT', 'an article appears twice in the series', {
      field: 'memberIds',
    });
  }
  return afterCommit(deps, async (store) => {
    await requirePermission(store, principal, 'series.manage', {
      siteId: command.siteId,
      columnId: command.columnId,
    });
    if (await store.series.getBySlug(command.siteId, command.slug)) {
      throw new GazetteError('GZ_SERIES_SLUG_TAKEN', command.slug);
    }
    for (const id of command.memberIds) {
      const member = await store.articles.get(id);
      if (!member || member.siteId !== command.siteId) {
        throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(id), { field: 'memberIds' });
      }
    }
    const now = deps.clock.now();
    const series = await store.series.create(
      {
        ...command,
        title,
        label: plainText(command.label) || '合集',
        leadHtml: sanitizeBody(command.leadHtml),
        source: plainText(command.source),
        editor: plainText(command.editor),
      },
      now,
    );
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
