import { assertSeriesSlug, GazetteError, type Actor, type Series } from '../core/index.js';
import { afterCommit, type AppDeps } from './deps.js';
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

export function createSeries(deps: AppDeps, command: CreateSeriesCommand): Promise<Series> {
  assertSeriesSlug(command.slug);
  const title = plainText(command.title);
  if (title === '') throw new GazetteError('GZ_INVALID_INPUT', 'title is required', { field: 'title' });
  if (new Set(command.memberIds).size !== command.memberIds.length) {
    throw new GazetteError('GZ_INVALID_INPUT', 'an article appears twice in the series', {
      field: 'memberIds',
    });
  }
  return afterCommit(deps, async (store) => {
    if (await store.series.getBySlug(command.siteId, command.slug)) {
      throw new GazetteError('GZ_SERIES_SLUG_TAKEN', command.slug);
    }
    for (const id of command.memberIds) {
      const member = await store.articles.get(id);
      if (!member || member.siteId !== command.siteId) {
        throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(id), { field: 'memberIds' });
      }
    }
    return store.series.create(
      {
        ...command,
        title,
        label: plainText(command.label) || '合集',
        leadHtml: sanitizeBody(command.leadHtml),
        source: plainText(command.source),
        editor: plainText(command.editor),
      },
      deps.clock.now(),
    );
  });
}

/** Publishes a series page; like an article, only the system may give it an earlier date. */
export function publishSeries(deps: AppDeps, seriesId: number, actor: Actor, at?: string): Promise<Series> {
  return afterCommit(deps, async (store, emit) => {
    const series = await store.series.get(seriesId);
    if (!series) throw new GazetteError('GZ_SERIES_NOT_FOUND', String(seriesId));
    const now = deps.clock.now();
    if (at !== undefined && at < now && actor.kind !== 'system')
      throw new GazetteError('GZ_BACKDATE_FORBIDDEN');
    const published = await store.series.setPublication(
      seriesId,
      'published',
      series.publishedAt ?? at ?? now,
      now,
    );
    emit({ type: 'series-published', siteId: series.siteId, seriesId });
    return published;
  });
}
