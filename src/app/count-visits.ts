import { createHash, randomBytes } from 'node:crypto';
import type { AppDeps } from './deps.js';
import type { SeenVisitor, VisitCount, VisitScope } from './ports-visits.js';

/**
 * Visit statistics without cookies and without personal data: each page view is counted in memory and the
 * counts are written in one transaction now and then, so the page path never waits for the database.
 *
 * A visitor is told apart by a hash of the site, the address and the browser (User-Agent) with a random
 * salt of the day, shared by every process through the database and deleted after the day (as privacy-first
 * analytics do). The address and browser are held in memory only until the next write (seconds) and never
 * written anywhere; once the day's salt is deleted, nobody can tell whose a hash was. Only the counts per
 * day are kept: views and unique visitors per site, column and page, views per referring domain, searches
 * per term and those that found nothing.
 */

export interface PageHit {
  readonly siteId: number;
  /** Milliseconds since the epoch. */
  readonly at: number;
  /** The decoded path, without the query. */
  readonly path: string;
  /** Address and browser, as one string: hashed with the day's salt before anything is written. */
  readonly visitor: string;
  /** The referring page's host when it is not the site itself. */
  readonly referrer: string | null;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The date in China of an instant (ms), `YYYY-MM-DD`. */
export const chinaDay = (ms: number): string => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/**
 * The column a page path belongs to, as the public URLs are made: the directory of the page (`/xwzx/zwyw/`
 * for `/xwzx/zwyw/t20240318_42.html` and `/xwzx/zwyw/index_2.html`); null for pages at the top.
 */
export function columnOfPath(path: string): string | null {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? null : path.slice(0, slash + 1);
}

/** Robots, monitors and link checkers (Gazette's own included) are not readers. */
const ROBOT =
  /bot\b|bot\/|spider|crawl|slurp|monitor|checker|headless|gazette|curl\/|wget|python|java\/|go-http|okhttp|scrapy|httpclient|axios|node-fetch|uptime|pingdom/i;

export const isRobot = (userAgent: string): boolean => ROBOT.test(userAgent);

/** The host of a Referer header, or null when it is absent, unparsable or one of the site's own hosts. */
export function referrerDomain(referer: string | undefined, ownHosts: readonly string[]): string | null {
  if (!referer) return null;
  const match = /^https?:\/\/([^/:?#@]+)/i.exec(referer);
  const host = match?.[1]?.toLowerCase();
  if (!host || ownHosts.some((own) => own.toLowerCase().replace(/:\d+$/, '') === host)) return null;
  return host.slice(0, 253);
}

/** The hosts a site answers on and names itself by (its base URL's). */
export function ownHostsOf(site: { readonly hosts: readonly string[]; readonly baseUrl: string }): string[] {
  const hosts = [...site.hosts];
  try {
    hosts.push(new URL(site.baseUrl).hostname);
  } catch {
    // a base URL that does not parse names no host
  }
  return hosts;
}

const SEP = '\u0000';

/** Counts of one batch, before they are written: views per count, and the raw visitors per counted scope. */
export class VisitBatch {
  private readonly views = new Map<string, number>();
  private readonly visitors = new Map<string, Set<string>>();
  private entries = 0;

  get size(): number {
    return this.entries;
  }

  private count(siteId: number, day: string, scope: VisitScope, key: string, visitor: string | null): void {
    const id = `${siteId}${SEP}${day}${SEP}${scope}${SEP}${key}`;
    const views = this.views.get(id);
    if (views === undefined) this.entries += 1;
    this.views.set(id, (views ?? 0) + 1);
    if (visitor === null) return;
    let set = this.visitors.get(id);
    if (!set) this.visitors.set(id, (set = new Set()));
    if (!set.has(visitor)) {
      set.add(visitor);
      this.entries += 1;
    }
  }

  page(hit: PageHit): void {
    const day = chinaDay(hit.at);
    this.count(hit.siteId, day, 'site', '', hit.visitor);
    this.count(hit.siteId, day, 'page', hit.path, hit.visitor);
    const column = columnOfPath(hit.path);
    if (column !== null) this.count(hit.siteId, day, 'column', column, hit.visitor);
    if (hit.referrer !== null) this.count(hit.siteId, day, 'referrer', hit.referrer, null);
  }

  search(siteId: number, at: number, term: string, found: boolean): void {
    const day = chinaDay(at);
    const key = term.trim().toLowerCase().slice(0, 100);
    if (key === '') return;
    this.count(siteId, day, 'search', key, null);
    if (!found) this.count(siteId, day, 'search-empty', key, null);
  }

  /** Groups of visitor hashes already written (a write that failed half-way resumes after them). */
  private groupsDone = -1;

  /**
   * Writes the batch: the views, then the visitor hashes in groups, each group one short transaction followed
   * by a turn of the event loop, so a large batch never holds the loop (better-sqlite3 is synchronous) or the
   * database for long. A hash not seen before today counts as a new visitor. A failed write can be called
   * again: it resumes where it stopped, nothing is counted twice.
   */
  async write(deps: Pick<AppDeps, 'store'>, salts: Map<string, string>): Promise<void> {
    if (this.views.size === 0) return;
    const counts = new Map<string, VisitCount>();
    for (const [id, views] of this.views) {
      const [site, day, scope, key] = id.split(SEP) as [string, string, VisitScope, string];
      counts.set(id, { siteId: Number(site), day, scope, key, views, visitors: 0 });
    }
    if (this.groupsDone < 0) {
      await deps.store.transaction((store) => store.visits.add([...counts.values()]));
      this.groupsDone = 0;
    }
    for (const day of new Set([...counts.values()].map((c) => c.day))) {
      if (!salts.has(day))
        salts.set(day, await deps.store.visits.salt(day, randomBytes(24).toString('base64url')));
    }
    // Hashed a group at a time, just before the group is written: hashing is the costly part.
    const pairs: (readonly [VisitCount, string])[] = [];
    for (const [id, raw] of this.visitors) {
      const count = counts.get(id) as VisitCount;
      for (const visitor of raw) pairs.push([count, visitor]);
    }
    const groups = chunk(pairs, SEEN_GROUP);
    for (let g = this.groupsDone; g < groups.length; g++) {
      const seen = (groups[g] ?? []).map(([count, visitor]): SeenVisitor => {
        const input = `${salts.get(count.day) ?? ''}${SEP}${count.siteId}${SEP}${visitor}`;
        const hash = createHash('sha256').update(input).digest('base64url').slice(0, 22);
        return { siteId: count.siteId, day: count.day, scope: count.scope, key: count.key, visitor: hash };
      });
      await deps.store.transaction(async (store) => {
        const fresh = await store.visits.markSeen(seen);
        const visitors = new Map<string, VisitCount>();
        for (const s of fresh) {
          const id = `${s.siteId}${SEP}${s.day}${SEP}${s.scope}${SEP}${s.key}`;
          const current = visitors.get(id);
          visitors.set(id, {
            siteId: s.siteId,
            day: s.day,
            scope: s.scope,
            key: s.key,
            views: 0,
            visitors: (current?.visitors ?? 0) + 1,
          });
        }
        await store.visits.add([...visitors.values()]);
      });
      this.groupsDone = g + 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** Visitor hashes per transaction of a write. */
const SEEN_GROUP = 1_000;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

export interface VisitCounter {
  /** A page answered to a reader (a cached answer too). Costs a few map updates; nothing is written here. */
  page(hit: Omit<PageHit, 'at'>): void;
  /** A search asked from the site's search page or API (first page of results only). */
  search(siteId: number, term: string, found: boolean): void;
  /** Writes what was counted since the last write. */
  flush(): Promise<void>;
}

/** Distinct counts and visitors held before an early write (bounded memory under a flood). */
const MAX_PENDING = 50_000;
const MAX_FAILED = 5;

export function createVisitCounter(deps: Pick<AppDeps, 'store' | 'clock'>): VisitCounter {
  let batch = new VisitBatch();
  const salts = new Map<string, string>();
  let forgotten = '';
  let writing: Promise<void> = Promise.resolve();
  /** Batches whose write failed (a busy database): written again first at the next flush, a few at most. */
  const failed: VisitBatch[] = [];
  const flush = (): Promise<void> => {
    const full = batch;
    batch = new VisitBatch();
    const run = async () => {
      // Each write is one transaction: a failed one left nothing behind and can be written again.
      let problem: Error | null = null;
      for (const pending of [...failed.splice(0), full]) {
        try {
          await pending.write(deps, salts);
        } catch (error) {
          if (failed.length < MAX_FAILED) failed.push(pending);
          problem ??= error instanceof Error ? error : new Error(String(error));
        }
      }
      if (problem !== null) throw problem;
      // Yesterday's salt is kept for a view counted just before midnight and written after it.
      const keepFrom = chinaDay(Date.parse(deps.clock.now()) - DAY_MS);
      if (keepFrom !== forgotten) {
        await deps.store.visits.forgetBefore(keepFrom);
        for (const day of salts.keys()) if (day < keepFrom) salts.delete(day);
        forgotten = keepFrom;
      }
    };
    // One write at a time: the next waits for the one under way.
    writing = writing.then(run, run);
    return writing;
  };
  const early = () => {
    if (batch.size >= MAX_PENDING) void flush().catch(() => undefined);
  };
  return {
    page(hit) {
      batch.page({ ...hit, at: Date.parse(deps.clock.now()) });
      early();
    },
    search(siteId, term, found) {
      batch.search(siteId, Date.parse(deps.clock.now()), term, found);
      early();
    },
    flush,
  };
}
