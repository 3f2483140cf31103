import { portalOf } from './site-repo.js';
import { sql, type Kysely } from 'kysely';
import type {
  MediaContent,
  MediaFilter,
  MediaItem,
  MediaRepo,
  MediaText,
  MediaUse,
  MediaVariant,
} from '../app/index.js';
import { mediaRef, mediaRefOfPath, mediaUrl, mediaUrlsIn, parseMediaUrl } from '../media/index.js';
import type { Database } from './schema.js';
import type { MediaRow } from './schema-media.js';

const toItem = (row: MediaRow): MediaItem => ({
  id: row.id,
  siteId: row.site_id,
  key: row.key,
  name: row.name,
  alt: row.alt,
  kind: row.kind === 'image' ? 'image' : 'document',
  mime: row.mime,
  ext: row.ext,
  size: Number(row.size),
  sha256: row.sha256,
  width: row.width,
  height: row.height,
  variants: JSON.parse(row.variants) as MediaVariant[],
  textStatus: row.text_status,
  version: row.version,
  uploadedBy: row.uploaded_by,
  purpose: row.purpose === 'private' ? 'private' : 'content',
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Every column but the (possibly large) text: lists and look-ups do not carry it. */
const ITEM_COLUMNS = [
  'id',
  'site_id',
  'key',
  'name',
  'alt',
  'kind',
  'mime',
  'ext',
  'size',
  'sha256',
  'width',
  'height',
  'variants',
  'text_status',
  'version',
  'uploaded_by',
  'purpose',
  'created_at',
  'updated_at',
] as const;

const contentColumns = (content: MediaContent) => ({
  name: content.name,
  mime: content.mime,
  ext: content.ext,
  size: content.size,
  sha256: content.sha256,
  width: content.width,
  height: content.height,
  variants: JSON.stringify(content.variants),
});

/** LIKE pattern for a substring typed by a person: its wildcards are matched literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function createMediaRepo(db: Kysely<Database>): MediaRepo {
  const select = () => db.selectFrom('media').select([...ITEM_COLUMNS, 'text']);
  const first = async (query: ReturnType<typeof select>) => {
    const row = await query.executeTakeFirst();
    return row ? toItem(row) : undefined;
  };
  const filtered = (filter: MediaFilter) => {
    let query = db.selectFrom('media').where('site_id', '=', filter.siteId);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.name) {
      query = query.where(
        sql<boolean>`lower(name) like ${containing(filter.name.toLowerCase())} escape '\\'`,
      );
    }
    return query;
  };

  /**
   * References the site settings make public: QR codes of the new-media accounts, and the badges of the
   * portal blocks (我为政府网站找错, 党政机关 mark).
   */
  const settingsRefs = async (): Promise<Set<string>> => {
    const rows = await db
      .selectFrom('site_accounts')
      .select('qr_url')
      .where('qr_url', 'is not', null)
      .execute();
    const urls = rows.map((row) => row.qr_url ?? '');
    for (const site of await db.selectFrom('sites').select('portal').execute()) {
      const portal = portalOf(site.portal);
      urls.push(portal.errorReportBadgeUrl ?? '', portal.partyMarkBadgeUrl ?? '');
    }
    return new Set(urls.map(mediaRef).filter((ref) => ref !== null));
  };

  /**
   * References the drafts of public consultations (意见征集) that are not withdrawn make public: their
   * attachments and the files in their text. With `only`, just the drafts whose text names one of those refs
   * are read (a file request reads a handful of rows, not the whole table).
   */
  const consultationRefs = async (only?: readonly string[]): Promise<Set<string>> => {
    let query = db
      .selectFrom('consultations')
      .select(['attachments', 'body_html'])
      .where('withdrawn', '=', 0);
    if (only) {
      const needles = only.map((ref) => containing(`/media/${ref}`));
      if (needles.length === 0) return new Set();
      query = query.where((eb) =>
        eb.or(
          needles.flatMap((needle) => [
            sql<boolean>`${eb.ref('attachments')} like ${needle} escape '\\'`,
            sql<boolean>`${eb.ref('body_html')} like ${needle} escape '\\'`,
          ]),
        ),
      );
    }
    const urls: string[] = [];
    for (const row of await query.execute()) {
      const attachments = JSON.parse(row.attachments) as readonly { readonly url?: string }[];
      urls.push(...attachments.map((a) => a.url ?? ''), ...mediaUrlsIn(row.body_html));
    }
    return new Set(urls.map(mediaRef).filter((ref) => ref !== null));
  };

  /** Whether a published article's live content, the site settings or a consultation draft refer to any of `refs`. */
  const usedPublicly = async (refs: readonly string[]): Promise<boolean> => {
    if (refs.length === 0) return false;
    const used = await db
      .selectFrom('media_refs')
      .innerJoin('articles', 'articles.id', 'media_refs.article_id')
      .select('media_refs.article_id')
      .where('media_refs.ref', 'in', [...refs])
      .where('articles.status', '=', 'published')
      .limit(1)
      .executeTakeFirst();
    if (used) return true;
    const settings = await settingsRefs();
    if (refs.some((ref) => settings.has(ref))) return true;
    const drafts = await consultationRefs(refs);
    return refs.some((ref) => drafts.has(ref));
  };

  return {
    async visibility(path) {
      const ref = mediaRefOfPath(path);
      const refs = [ref];
      if (ref.startsWith('f/')) {
        const item = await db
          .selectFrom('media')
          .select(['sha256', 'purpose'])
          .where('key', '=', ref.slice(2))
          .executeTakeFirst();
        // No such library item: no file to serve, and nothing to look up further.
        if (!item || item.purpose === 'private') return 'never';
      } else if (ref.startsWith('b/')) {
        // Bytes are public when a public library link serves them (or something links them directly).
        const items = await db
          .selectFrom('media')
          .select(['key', 'purpose'])
          .where('sha256', '=', ref.slice(2))
          .execute();
        if (items.length > 0 && items.every((item) => item.purpose === 'private')) return 'never';
        for (const item of items) if (item.purpose !== 'private') refs.push(`f/${item.key}`);
      }
      return (await usedPublicly(refs)) ? 'public' : 'editors';
    },
    async publicRefs() {
      const rows = await db
        .selectFrom('media_refs')
        .innerJoin('articles', 'articles.id', 'media_refs.article_id')
        .select('media_refs.ref')
        .where('articles.status', '=', 'published')
        .distinct()
        .execute();
      const refs = new Set([
        ...rows.map((row) => row.ref),
        ...(await settingsRefs()),
        ...(await consultationRefs()),
      ]);
      const keys = [...refs].filter((ref) => ref.startsWith('f/')).map((ref) => ref.slice(2));
      for (let i = 0; i < keys.length; i += 500) {
        const items = await db
          .selectFrom('media')
          .select('sha256')
          .where('key', 'in', keys.slice(i, i + 500))
          .where('purpose', '<>', 'private')
          .execute();
        for (const item of items) refs.add(`b/${item.sha256}`);
      }
      return refs;
    },
    async create(item, now) {
      const row = await db
        .insertInto('media')
        .values({
          ...contentColumns(item),
          site_id: item.siteId,
          key: item.key,
          alt: item.alt,
          kind: item.kind,
          text: item.text,
          text_status: item.textStatus,
          version: 1,
          uploaded_by: item.uploadedBy,
          purpose: item.purpose ?? 'content',
          created_at: now,
          updated_at: now,
        })
        .returning(ITEM_COLUMNS)
        .executeTakeFirstOrThrow();
      return toItem({ ...row, text: '' });
    },
    get: (id) => first(select().where('id', '=', id)),
    getByKey: (key) => first(select().where('key', '=', key)),
    findSame: (siteId, sha256, name) =>
      first(
        select()
          .where('sha256', '=', sha256)
          .where('name', '=', name)
          .where('site_id', siteId === null ? 'is' : '=', siteId),
      ),
    findBySha: (sha256) => first(select().where('sha256', '=', sha256).orderBy('id').limit(1)),
    async text(id) {
      const row = await db.selectFrom('media').select('text').where('id', '=', id).executeTakeFirst();
      return row?.text ?? '';
    },
    async list(filter, limit, offset) {
      const rows = await filtered(filter)
        .select([...ITEM_COLUMNS])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map((row) => toItem({ ...row, text: '' }));
    },
    async count(filter) {
      const { count } = await filtered(filter)
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .executeTakeFirstOrThrow();
      return Number(count);
    },
    async replace(id, content, replacedBy, now) {
      const current = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await db
        .insertInto('media_versions')
        .values({
          media_id: id,
          version: current.version,
          name: current.name,
          mime: current.mime,
          ext: current.ext,
          size: current.size,
          sha256: current.sha256,
          width: current.width,
          height: current.height,
          variants: current.variants,
          replaced_at: now,
          replaced_by: replacedBy,
        })
        .execute();
      const row = await db
        .updateTable('media')
        .set({
          ...contentColumns(content),
          text: content.text,
          text_status: content.textStatus,
          version: current.version + 1,
          updated_at: now,
        })
        .where('id', '=', id)
        .returning(ITEM_COLUMNS)
        .executeTakeFirstOrThrow();
      // Attachment lists show type and size: they follow the file behind the link.
      await db
        .updateTable('attachments')
        .set({ size: content.size, mime: content.mime })
        .where('url', '=', mediaUrl(current.key, current.ext))
        .execute();
      return toItem({ ...row, text: '' });
    },
    async remove(id) {
      const columns = ['sha256', 'ext', 'variants'] as const;
      const stored = [
        ...(await db.selectFrom('media').select(columns).where('id', '=', id).execute()),
        ...(await db.selectFrom('media_versions').select(columns).where('media_id', '=', id).execute()),
      ];
      await db.deleteFrom('media_versions').where('media_id', '=', id).execute();
      await db.deleteFrom('media').where('id', '=', id).execute();
      return stored.map((row) => ({
        sha256: row.sha256,
        ext: row.ext,
        variants: JSON.parse(row.variants) as MediaVariant[],
      }));
    },
    async holdsSha(sha256) {
      const item = await db.selectFrom('media').select('id').where('sha256', '=', sha256).executeTakeFirst();
      if (item) return true;
      const version = await db
        .selectFrom('media_versions')
        .select('id')
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      return version !== undefined;
    },
    async usage(key) {
      // Keys are lower-case hex: no LIKE wildcard can hide in them.
      const link = `%/media/f/${key}%`;
      const articles = await db
        .selectFrom('articles')
        .select(['id', 'title', 'status', 'path'])
        .where((eb) =>
          eb.or([
            eb('body_html', 'like', link),
            eb('cover_url', 'like', link),
            eb.exists(
              eb
                .selectFrom('attachments')
                .select('attachments.id')
                .whereRef('attachments.article_id', '=', 'articles.id')
                .where('attachments.url', 'like', link),
            ),
          ]),
        )
        .orderBy('id')
        .execute();
      const seen = new Set(articles.map((a) => a.id));
      const historic = await db
        .selectFrom('article_revisions')
        .innerJoin('articles', 'articles.id', 'article_revisions.article_id')
        .select(['articles.id', 'articles.title', 'articles.status', 'articles.path'])
        .where((eb) =>
          eb.or([
            eb('article_revisions.body_html', 'like', link),
            eb('article_revisions.cover_url', 'like', link),
          ]),
        )
        .distinct()
        .orderBy('articles.id')
        .execute();
      const uses: MediaUse[] = articles.map((a) => ({
        articleId: a.id,
        title: a.title,
        status: a.status,
        path: a.path,
        current: true,
      }));
      for (const a of historic) {
        if (seen.has(a.id)) continue;
        seen.add(a.id);
        uses.push({ articleId: a.id, title: a.title, status: a.status, path: a.path, current: false });
      }
      return uses;
    },
    async textForArticle(articleId) {
      const article = await db
        .selectFrom('articles')
        .select(['body_html', 'cover_url'])
        .where('id', '=', articleId)
        .executeTakeFirst();
      if (!article) return [];
      const attachments = await db
        .selectFrom('attachments')
        .select('url')
        .where('article_id', '=', articleId)
        .execute();
      const keys = [
        ...new Set(
          [...mediaUrlsIn(article.body_html), article.cover_url, ...attachments.map((a) => a.url)]
            .map((url) => parseMediaUrl(url)?.key)
            .filter((key): key is string => key !== undefined),
        ),
      ];
      if (keys.length === 0) return [];
      const rows = await db
        .selectFrom('media')
        .select(['id', 'key', 'name', 'ext', 'text'])
        .where('key', 'in', keys)
        .where('text', '<>', '')
        .orderBy('id')
        .execute();
      return rows.map((row): MediaText => ({
        mediaId: row.id,
        name: row.name,
        url: mediaUrl(row.key, row.ext),
        text: row.text,
      }));
    },
  };
}
