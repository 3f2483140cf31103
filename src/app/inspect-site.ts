import { articleCheckInput, DEFAULT_RULES, runChecks, type Finding } from '../check/index.js';
import {
  addDaysToInstant,
  addWorkingDays,
  BLANK_COLUMN_LIMIT,
  columnUpdateStates,
  countReachedOn,
  deadlineStatus,
  DEDUCTION_RULES,
  deductionPoints,
  DISTRIBUTION_LAG_LIMIT_MS,
  formatDate,
  GazetteError,
  HOME_UPDATE_DAYS,
  newestInSubtree,
  PROBE_FAILURE_SHARE,
  scoreOf,
  SHOULD_UPDATE_LIMIT,
  STALE_COLUMN_LIMIT,
  UNANSWERED_MESSAGE_DAYS,
  UPDATE_CLASS_LABELS,
  VETO_RULES,
  verdictOf,
  WARNING_WORKING_DAYS,
  type Column,
  type ColumnUpdateState,
  type DeductionId,
  type Principal,
  type Site,
  type Verdict,
  type VetoId,
  type VetoStatus,
  type WorkCalendar,
} from '../core/index.js';
import { parseMediaUrl } from '../media/index.js';
import { hasInteraction, storedInteractionReader } from './interaction-reader.js';
import { loadCalendar } from './calendar.js';
import type { AppDeps } from './deps.js';
import { checkOptionsFor, deadLinksIn } from './manage-check-terms.js';
import type { Store } from './ports.js';
import { requirePermission } from './principal.js';

/**
 * 自查: the site scored on the national inspection indicators from what Gazette holds (columns, published
 * articles and their attachments, the audit log) and from what the caller measured outside (dead links, pages
 * as served, the DNS answer, the static output, the interaction platform, availability probes).
 */

export type Evidence = Readonly<Record<string, unknown>>;

export interface VetoResult {
  readonly id: VetoId;
  readonly status: VetoStatus;
  readonly title: string;
  readonly evidence: readonly Evidence[];
  /** When it fails if nothing is done (or when it failed); null when no date applies. */
  readonly failsOn: string | null;
}

export interface DeductionResult {
  readonly id: DeductionId;
  readonly points: number;
  readonly title: string;
  readonly evidence: readonly Evidence[];
}

export interface InspectionReport {
  readonly site: { readonly id: number; readonly name: string; readonly baseUrl: string };
  readonly checkedAt: string;
  readonly verdict: Verdict;
  readonly score: number;
  readonly vetoes: readonly VetoResult[];
  readonly deductions: readonly DeductionResult[];
}

/** One interaction channel as the interaction platform knows it. */
export interface InteractionChannelState {
  readonly id: string;
  readonly name: string;
  /** The public form answers and accepts a message. */
  readonly working: boolean;
  /** The oldest valid message without a reply, received within the last year; null when none. */
  readonly oldestUnanswered: { readonly id: string; readonly receivedAt: string } | null;
  /** Valid messages without a reply for 60 calendar days or more (flagged before the veto line). */
  readonly flagged?: number;
}

/** A consultation closed longer than the site's limit without its 采纳情况反馈. */
export interface ConsultationFeedbackState {
  readonly id: string;
  readonly title: string;
  readonly closesOn: string;
  readonly feedbackDueOn: string;
}

/**
 * What the inspection reads of the interaction platform. `null` (the default while no platform is installed)
 * means "not known": the veto reports that it was not checked instead of failing the site.
 */
export interface InteractionReader {
  channels(siteId: number, now: string): Promise<readonly InteractionChannelState[]>;
  /** Consultations whose feedback is overdue (at risk, not a veto of their own). */
  consultationsWithoutFeedback?(siteId: number, now: string): Promise<readonly ConsultationFeedbackState[]>;
}

/** Home page probes over a period (from the availability monitor). */
export interface AvailabilitySummary {
  readonly probes: number;
  /** Probes that got no complete page within 15 s. */
  readonly failed: number;
  readonly from: string;
  readonly to: string;
}

export interface AvailabilityReader {
  homeProbes(siteId: number, from: string, to: string): Promise<AvailabilitySummary>;
}

export interface DeadLink {
  readonly url: string;
  readonly kind: 'internal' | 'external';
  readonly status: number | null;
  readonly reason: string;
  readonly foundOn: readonly string[];
}

export interface ServedPage {
  readonly status: number;
  readonly html: string;
}

/** One copy of the static output on another machine (内网采编，外网发布), as its distributor records it. */
export interface DistributionTargetState {
  readonly name: string;
  readonly type: string;
  /** Milliseconds the copy is behind the output (0: up to date). */
  readonly lagMs: number;
  readonly failures: number;
  readonly lastSuccessAt: string | null;
  readonly lastError: string | null;
}

/** What the caller measured outside the database; each absent part is reported as not checked. */
export interface InspectionInputs {
  readonly interaction?: InteractionReader | null;
  readonly availability?: AvailabilityReader | null;
  /** Result of the link checker on the served site. */
  readonly deadLinks?: readonly DeadLink[] | null;
  /** Fetches a path of the site as the public sees it (status and HTML). */
  readonly fetchPage?: ((path: string) => Promise<ServedPage>) | null;
  /** AAAA answer for a host name. */
  readonly resolveAaaa?: ((host: string) => Promise<readonly string[]>) | null;
  /** Static output against its manifest: files changed, missing or added outside Gazette. */
  readonly tampered?: {
    readonly changed: readonly string[];
    readonly missing: readonly string[];
    readonly added: readonly string[];
  } | null;
  /** The distribution targets of the static output (none configured: null or absent). */
  readonly distribution?: readonly DistributionTargetState[] | null;
}

/** Pages of each kind read as served (the site may have thousands of columns: a bounded sample). */
const SAMPLE_COLUMNS = 200;
const SAMPLE_ARTICLES = 100;
const ARTICLE_PAGE = 200;
const EVIDENCE_LIMIT = 50;

const SERIOUS_RULES = new Set(['formulation', 'leader-name', 'sensitive-word']);
const PERSONAL_RULES = new Set(['personal-id', 'mobile-number', 'bank-card']);
const READABLE_EXTENSIONS = /\.(pdf|docx?|xlsx?|wps|ofd)$/i;

const limited = <T>(items: readonly T[]): T[] => items.slice(0, EVIDENCE_LIMIT);

/** The site on the inspection indicators, now (`options.now`, default the clock). */
export async function inspectSite(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  inputs: InspectionInputs = {},
  now: string = deps.clock.now(),
): Promise<InspectionReport> {
  const { store } = deps;
  const site = await store.sites.get(siteId);
  if (!site) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
  await requirePermission(store, principal, 'site.settings', { siteId });
  const columns = await store.columns.listBySite(siteId);
  const stats = await store.articles.columnStatsForAdmin(siteId);
  const lastPublished = newestInSubtree(columns, (id) => stats.get(id)?.lastPublishedAt ?? null);
  let homeLast: string | null = null;
  for (const last of lastPublished.values())
    if (last !== null && (homeLast === null || last > homeLast)) homeLast = last;
  const content = await scanContent(store, site, columns, now);
  // The warning window counts working days on the official calendar (holidays off, 调休 weekends on).
  const calendar = await loadCalendar(store);
  const vetoes: VetoResult[] = [
    homeVeto(homeLast, now, calendar),
    columnVeto(columnUpdateStates(columns, lastPublished, now), now, calendar),
    seriousVeto(content.serious, content.personal),
    await forgedDateVeto(store, siteId, now),
    await interactionVeto(
      inputs.interaction !== undefined
        ? inputs.interaction
        : (await hasInteraction(store, siteId))
          ? storedInteractionReader(store)
          : null,
      siteId,
      now,
      calendar,
    ),
    await availabilityVeto(
      inputs.availability === undefined ? storedReader(store) : inputs.availability,
      siteId,
      now,
    ),
  ];
  const counted = await deductions(site, columns, content, inputs);
  const deductionResults: DeductionResult[] = [];
  for (const { id, count, evidence } of counted) {
    const rule = DEDUCTION_RULES.find((r) => r.id === id);
    const points = rule ? deductionPoints(rule, count) : 0;
    if (rule && points > 0)
      deductionResults.push({ id, points, title: rule.title, evidence: limited(evidence) });
  }
  const score = scoreOf(deductionResults);
  return {
    site: { id: site.id, name: site.name, baseUrl: site.baseUrl },
    checkedAt: now,
    verdict: verdictOf(
      vetoes.map((v) => v.status),
      score,
    ),
    score,
    vetoes,
    deductions: deductionResults,
  };
}

const titleOf = (id: VetoId): string => VETO_RULES.find((r) => r.id === id)?.title ?? id;

function homeVeto(homeLast: string | null, now: string, calendar: WorkCalendar): VetoResult {
  const failsOn = homeLast === null ? null : addDaysToInstant(homeLast, HOME_UPDATE_DAYS);
  const status = homeLast === null ? 'failed' : deadlineStatus(failsOn, now, calendar);
  return {
    id: 'V1',
    status,
    title: titleOf('V1'),
    evidence: [{ lastPublishedAt: homeLast, updateDays: HOME_UPDATE_DAYS }],
    failsOn,
  };
}

function columnEvidence(state: ColumnUpdateState): Evidence {
  return {
    columnId: state.columnId,
    column: state.name,
    path: state.path,
    updateClass: state.updateClass,
    updateClassLabel: UPDATE_CLASS_LABELS[state.updateClass],
    days: state.days,
    lastPublishedAt: state.lastPublishedAt,
    staleOn: state.staleOn,
    state: state.state,
  };
}

/**
 * 栏目不更新: ≥ 5 news/notice/policy columns not updated in time, ≥ 10 columns that must be updated and are not,
 * or ≥ 5 blank columns. `failsOn` is the day the first count reaches its limit if nothing is published.
 */
function columnVeto(states: readonly ColumnUpdateState[], now: string, calendar: WorkCalendar): VetoResult {
  const dated = states.filter((s) => s.staleOn !== null);
  const listed = dated.filter((s) => s.updateClass === 'news' || s.updateClass === 'notice');
  const blank = states.filter((s) => s.state === 'blank');
  const dates = [
    countReachedOn(
      listed.map((s) => s.staleOn as string),
      STALE_COLUMN_LIMIT,
    ),
    countReachedOn(
      dated.map((s) => s.staleOn as string),
      SHOULD_UPDATE_LIMIT,
    ),
  ].filter((d): d is string => d !== null);
  const blankFailed = blank.length >= BLANK_COLUMN_LIMIT;
  const failsOn = dates.sort()[0] ?? null;
  let status = deadlineStatus(failsOn, now, calendar);
  if (blankFailed) status = 'failed';
  const soon = addWorkingDays(now, WARNING_WORKING_DAYS, calendar);
  const stale = states.filter((s) => s.state === 'stale');
  const dueSoon = states.filter((s) => s.state === 'fresh' && (s.staleOn as string) <= soon);
  // Below the official counts, one stale or blank column is already a warning.
  if (status === 'ok' && (stale.length > 0 || blank.length > 0 || dueSoon.length > 0)) status = 'at-risk';
  return {
    id: 'V2',
    status,
    title: titleOf('V2'),
    evidence: limited([...stale, ...blank, ...dueSoon].map(columnEvidence)),
    failsOn: blankFailed && (failsOn === null || failsOn > now) ? now : failsOn,
  };
}

interface ContentProblem {
  readonly articleId: number;
  readonly title: string;
  readonly path: string | null;
  /** Where the text was: an article field, or the attachment's file name. */
  readonly where: string;
  readonly rule: string;
  readonly excerpt: string;
  readonly suggestion: string | null;
  readonly message: string;
}

interface ContentScan {
  readonly serious: readonly ContentProblem[];
  readonly personal: readonly ContentProblem[];
  readonly imagesWithoutAlt: readonly Evidence[];
  readonly unreadable: readonly Evidence[];
  readonly closedDomains: readonly Evidence[];
  readonly darkLinks: readonly Evidence[];
  readonly articles: readonly { readonly id: number; readonly path: string; readonly publishedAt: string }[];
}

const IMG_TAG = /<img\b[^>]*>/gi;
const ALT_ATTR = /\balt\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i;
const HREF_ATTR = /\b(?:href|src)\s*=\s*("([^"]*)"|'([^']*)')/gi;

function hostOf(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** A host on the list, or below a listed domain. */
const onList = (host: string, list: readonly string[]): string | undefined =>
  list.find((domain) => host === domain || host.endsWith(`.${domain}`));

/**
 * Every published article and the text of its attachments, rescanned with today's dictionary (names of
 * leaders change): serious wording errors, personal data, images without alternative text, links to listed
 * domains, attachments without readable text.
 */
async function scanContent(
  store: Store,
  site: Site,
  columns: readonly Column[],
  now: string,
): Promise<ContentScan> {
  const kinds = new Map(columns.map((c) => [c.id, c.kind]));
  const options = await checkOptionsFor(store, site, now);
  const terms = await store.checkTerms.list(site.id);
  const closedList = terms.filter((t) => t.kind === 'closed-domain').map((t) => t.term.toLowerCase());
  const darkList = terms.filter((t) => t.kind === 'dark-domain').map((t) => t.term.toLowerCase());
  const serious: ContentProblem[] = [];
  const personal: ContentProblem[] = [];
  const imagesWithoutAlt: Evidence[] = [];
  const unreadable: Evidence[] = [];
  const closedDomains: Evidence[] = [];
  const darkLinks: Evidence[] = [];
  const articles: { id: number; path: string; publishedAt: string }[] = [];
  const total = await store.articles.countPublished({ siteId: site.id });
  for (let offset = 0; offset < total; offset += ARTICLE_PAGE) {
    const rows = await store.articles.listPublished({ siteId: site.id }, ARTICLE_PAGE, offset);
    for (const row of rows) {
      const article = await store.articles.get(row.id);
      if (!article) continue;
      articles.push({ id: article.id, path: row.path, publishedAt: row.publishedAt });
      const deadLinks = await deadLinksIn(store, site, article.bodyHtml);
      const own = deadLinks.size > 0 ? { ...options, deadLinks } : options;
      const sort = (where: (f: Finding) => string, findings: readonly Finding[]) => {
        for (const f of findings) {
          if (f.severity !== 'block') continue;
          const target = SERIOUS_RULES.has(f.rule) ? serious : PERSONAL_RULES.has(f.rule) ? personal : null;
          target?.push({
            articleId: article.id,
            title: article.title,
            path: article.path,
            where: where(f),
            rule: f.rule,
            excerpt: f.excerpt,
            suggestion: f.suggestion,
            message: f.message,
          });
        }
      };
      sort(
        (f) => f.field,
        runChecks(articleCheckInput(article, kinds.get(article.columnId)), DEFAULT_RULES, own),
      );
      for (const attachment of article.attachments) {
        const key = parseMediaUrl(attachment.url)?.key;
        const item = key === undefined ? undefined : await store.media.getByKey(key);
        if (
          item &&
          READABLE_EXTENSIONS.test(attachment.name) &&
          (item.textStatus === 'none' || item.textStatus === 'failed')
        ) {
          unreadable.push({
            articleId: article.id,
            path: article.path,
            attachment: attachment.name,
            url: attachment.url,
          });
        }
      }
      for (const file of await store.media.textForArticle(article.id)) {
        sort(() => `attachment:${file.name}`, runChecks({ text: file.text }, DEFAULT_RULES, options));
      }
      for (const tag of article.bodyHtml.match(IMG_TAG) ?? []) {
        const alt = ALT_ATTR.exec(tag);
        const value = alt ? (alt[2] ?? alt[3] ?? alt[4] ?? '') : '';
        if (value.trim() === '') {
          const src = /\bsrc\s*=\s*"([^"]*)"/i.exec(tag)?.[1] ?? '';
          imagesWithoutAlt.push({ articleId: article.id, path: article.path, src });
        }
      }
      if (
        article.coverUrl &&
        article.coverAlt.trim() === '' &&
        !article.bodyHtml.includes(article.coverUrl)
      ) {
        imagesWithoutAlt.push({
          articleId: article.id,
          path: article.path,
          src: article.coverUrl,
          cover: true,
        });
      }
      for (const match of article.bodyHtml.matchAll(HREF_ATTR)) {
        const href = match[2] ?? match[3] ?? '';
        const host = hostOf(href);
        if (host === null) continue;
        const closed = onList(host, closedList);
        if (closed)
          closedDomains.push({ articleId: article.id, path: article.path, link: href, domain: closed });
        const dark = onList(host, darkList);
        if (dark) darkLinks.push({ articleId: article.id, path: article.path, link: href, domain: dark });
      }
    }
  }
  return { serious, personal, imagesWithoutAlt, unreadable, closedDomains, darkLinks, articles };
}

function seriousVeto(serious: readonly ContentProblem[], personal: readonly ContentProblem[]): VetoResult {
  const evidence = [...serious, ...personal].map((p) => ({
    articleId: p.articleId,
    title: p.title,
    path: p.path,
    where: p.where,
    rule: p.rule,
    excerpt: p.rule in { 'personal-id': 1, 'mobile-number': 1, 'bank-card': 1 } ? p.suggestion : p.excerpt,
    suggestion: p.suggestion,
    message: p.message,
  }));
  return {
    id: 'V3',
    status: evidence.length > 0 ? 'failed' : 'ok',
    title: titleOf('V3'),
    evidence: limited(evidence),
    failsOn: null,
  };
}

/** Imports keep the old site's dates; the demo portal is loaded with dates in the past. */
const EXEMPT_ACTORS: ReadonlySet<string> = new Set(['system:import', 'system:demo content']);

interface PublishEvent {
  readonly type?: string;
  readonly at?: string;
  readonly backdated?: boolean;
  readonly reason?: string;
}

/**
 * 虚假或伪造内容 from the audit log: publications back-dated by a person (with their reason: to review) and
 * articles whose publication time no longer matches the one recorded when they were published (re-dated
 * outside Gazette: failed). Imports keep the dates of the old site and are exempt.
 */
async function forgedDateVeto(store: Store, siteId: number, now: string): Promise<VetoResult> {
  const backdated: Evidence[] = [];
  const redated: Evidence[] = [];
  const firstPublished = new Map<number, { at: string; actor: string }>();
  const page = 500;
  for (let offset = 0; ; offset += page) {
    const records = await store.audit.list(
      {
        siteId,
        action: 'article.publish',
        order: 'oldest-first',
        to: new Date(Date.parse(now) + 1).toISOString(),
      },
      page,
      offset,
    );
    for (const record of records) {
      const events = (record.summary['events'] ?? []) as readonly PublishEvent[];
      const published = events.find((e) => e.type === 'published');
      if (!published?.at) continue;
      const articleId = Number(record.targetId);
      if (!firstPublished.has(articleId))
        firstPublished.set(articleId, { at: published.at, actor: record.actorName });
      if (published.backdated && !EXEMPT_ACTORS.has(record.actorName)) {
        backdated.push({
          kind: 'backdated',
          articleId,
          title: record.summary['title'] ?? '',
          publishedAt: published.at,
          recordedAt: record.at,
          by: record.actorName,
          reason: published.reason ?? '',
        });
      }
    }
    if (records.length < page) break;
  }
  const ids = [...firstPublished.keys()];
  for (let i = 0; i < ids.length; i += ARTICLE_PAGE) {
    for (const article of await store.articles.listPublishedByIds(ids.slice(i, i + ARTICLE_PAGE))) {
      const first = firstPublished.get(article.id);
      // Whoever published it, the date shown must be the one recorded then.
      if (!first || article.publishedAt === null) continue;
      if (Date.parse(article.publishedAt) !== Date.parse(first.at)) {
        redated.push({
          kind: 'redated',
          articleId: article.id,
          title: article.title,
          path: article.path,
          recordedPublishedAt: first.at,
          shownPublishedAt: article.publishedAt,
        });
      }
    }
  }
  return {
    id: 'V4',
    status: redated.length > 0 ? 'failed' : backdated.length > 0 ? 'at-risk' : 'ok',
    title: titleOf('V4'),
    evidence: limited([...redated, ...backdated]),
    failsOn: null,
  };
}

async function interactionVeto(
  reader: InteractionReader | null,
  siteId: number,
  now: string,
  calendar: WorkCalendar,
): Promise<VetoResult> {
  const base = { id: 'V5' as const, title: titleOf('V5') };
  if (reader === null) {
    return {
      ...base,
      status: 'ok',
      evidence: [{ checked: false, note: '未接入互动交流平台，未检查' }],
      failsOn: null,
    };
  }
  const channels = await reader.channels(siteId, now);
  if (!channels.some((c) => c.working)) {
    return {
      ...base,
      status: 'failed',
      evidence: [{ channels: channels.map((c) => c.name), note: '没有可用的互动渠道' }],
      failsOn: now,
    };
  }
  const evidence: Evidence[] = [];
  let failsOn: string | null = null;
  for (const channel of channels) {
    if (!channel.working) evidence.push({ channel: channel.name, working: false });
    const oldest = channel.oldestUnanswered;
    if (oldest === null) continue;
    const due = addDaysToInstant(oldest.receivedAt, UNANSWERED_MESSAGE_DAYS);
    if (failsOn === null || due < failsOn) failsOn = due;
    evidence.push({
      channel: channel.name,
      messageId: oldest.id,
      receivedAt: oldest.receivedAt,
      unansweredBy: due,
      ...(channel.flagged ? { flaggedOver60Days: channel.flagged } : {}),
    });
  }
  const feedbackOverdue = reader.consultationsWithoutFeedback
    ? await reader.consultationsWithoutFeedback(siteId, now)
    : [];
  for (const c of feedbackOverdue) {
    evidence.push({
      consultation: c.title,
      closesOn: c.closesOn,
      feedbackDueOn: c.feedbackDueOn,
      note: '意见征集结束后未按期反馈采纳情况',
    });
  }
  let status = deadlineStatus(failsOn, now, calendar);
  const flagged = channels.some((c) => (c.flagged ?? 0) > 0) || feedbackOverdue.length > 0;
  if (status === 'ok' && (flagged || evidence.some((e) => e['working'] === false))) status = 'at-risk';
  return { ...base, status, evidence: limited(evidence), failsOn };
}

async function availabilityVeto(
  reader: AvailabilityReader | null,
  siteId: number,
  now: string,
): Promise<VetoResult> {
  const base = { id: 'V6' as const, title: titleOf('V6'), failsOn: null };
  if (reader === null) {
    return { ...base, status: 'ok', evidence: [{ checked: false, note: '没有可用性监测记录，未检查' }] };
  }
  const summary = await reader.homeProbes(siteId, addDaysToInstant(now, -7), now);
  if (summary.probes === 0) {
    return {
      ...base,
      status: 'ok',
      evidence: [{ checked: false, note: '一周内没有可用性监测记录，未检查' }],
    };
  }
  const share = summary.probes === 0 ? 0 : summary.failed / summary.probes;
  const status: VetoStatus =
    summary.probes > 0 && share >= PROBE_FAILURE_SHARE ? 'failed' : summary.failed > 0 ? 'at-risk' : 'ok';
  return { ...base, status, evidence: [{ ...summary, failedShare: Math.round(share * 10_000) / 10_000 }] };
}

/** The probes kept by `gazette monitor`. */
const storedReader = (store: Store): AvailabilityReader => ({
  homeProbes: async (siteId, from, to) => ({
    ...(await store.inspections.probeSummary(siteId, from, to)),
    from,
    to,
  }),
});

interface Counted {
  readonly id: DeductionId;
  readonly count: number;
  readonly evidence: readonly Evidence[];
}

const META_HOME = ['SiteName', 'SiteDomain', 'SiteIDCode'];
const META_COLUMN = [...META_HOME, 'ColumnName', 'ColumnType'];
const META_ARTICLE = [...META_HOME, 'ArticleTitle', 'PubDate', 'ContentSource'];

const hasMeta = (html: string, name: string): boolean =>
  new RegExp(`<meta\\s[^>]*name=["']${name}["'][^>]*content=["'][^"']+["']`, 'i').test(html);

/** The visible text of a page (the head and tags removed). */
const bodyText = (html: string): string =>
  html
    .replace(/<head[\s\S]*?<\/head>/i, '')
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]+>/g, ' ');

async function deductions(
  site: Site,
  columns: readonly Column[],
  content: ContentScan,
  inputs: InspectionInputs,
): Promise<Counted[]> {
  const counted: Counted[] = [];
  if (inputs.deadLinks) {
    counted.push({
      id: 'D-dead-links',
      count: inputs.deadLinks.length,
      evidence: inputs.deadLinks.map((l) => ({ ...l, foundOn: l.foundOn.slice(0, 5) })),
    });
  }
  counted.push({
    id: 'D-closed-domains',
    count: content.closedDomains.length,
    evidence: content.closedDomains,
  });
  counted.push({ id: 'D-dark-links', count: content.darkLinks.length, evidence: content.darkLinks });
  if (inputs.tampered) {
    const t = inputs.tampered;
    counted.push({
      id: 'D-tampered',
      count: t.changed.length + t.missing.length + t.added.length,
      evidence: [
        ...t.changed.map((file) => ({ file, change: 'changed' })),
        ...t.missing.map((file) => ({ file, change: 'missing' })),
        ...t.added.map((file) => ({ file, change: 'added' })),
      ],
    });
  }
  if (inputs.resolveAaaa) {
    const host = hostOf(site.baseUrl);
    if (host !== null) {
      const answer = await inputs.resolveAaaa(host).catch((): readonly string[] => []);
      if (answer.length === 0) counted.push({ id: 'D-ipv6', count: 1, evidence: [{ host, aaaa: [] }] });
    }
  }
  const identityMissing = [
    site.sponsor.name.trim() === '' ? '主办单位' : null,
    site.siteCode.trim() === '' ? '网站标识码' : null,
    site.icpRecord.trim() === '' ? 'ICP备案号' : null,
    site.policeRecord.trim() === '' ? '公网安备号' : null,
  ].filter((f): f is string => f !== null);
  counted.push({
    id: 'D-identity',
    count: identityMissing.length,
    evidence: identityMissing.map((field) => ({ field })),
  });
  if (inputs.fetchPage) counted.push(...(await servedPageChecks(inputs.fetchPage, site, columns, content)));
  if (inputs.distribution) {
    const behind = inputs.distribution.filter((t) => t.lagMs >= DISTRIBUTION_LAG_LIMIT_MS);
    counted.push({
      id: 'D-distribution',
      count: behind.length,
      evidence: behind.map((t) => ({
        target: t.name,
        type: t.type,
        behindMinutes: Math.floor(t.lagMs / 60_000),
        failures: t.failures,
        lastSuccessAt: t.lastSuccessAt,
        lastError: t.lastError,
      })),
    });
  }
  counted.push({
    id: 'D-image-alt',
    count: content.imagesWithoutAlt.length,
    evidence: content.imagesWithoutAlt,
  });
  counted.push({
    id: 'D-unreadable-attachments',
    count: content.unreadable.length,
    evidence: content.unreadable,
  });
  return counted;
}

/** Meta tags, visible dates and search, read from the pages as served (a bounded sample). */
async function servedPageChecks(
  fetchPage: (path: string) => Promise<ServedPage>,
  site: Site,
  columns: readonly Column[],
  content: ContentScan,
): Promise<Counted[]> {
  const metaMissing: Evidence[] = [];
  const noDate: Evidence[] = [];
  const check = async (path: string, names: readonly string[]): Promise<string | null> => {
    const page = await fetchPage(path);
    if (page.status !== 200) return null;
    const missing = names.filter((name) => !hasMeta(page.html, name));
    if (missing.length > 0) metaMissing.push({ path, missing });
    return page.html;
  };
  await check('/', META_HOME);
  const listed = columns.filter((c) => c.kind !== 'link').slice(0, SAMPLE_COLUMNS);
  for (const column of listed) await check(`/${column.path}/`, META_COLUMN);
  const newest = [...content.articles].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  for (const article of newest.slice(0, SAMPLE_ARTICLES)) {
    const html = await check(article.path, META_ARTICLE);
    if (html === null) continue;
    const day = formatDate(article.publishedAt);
    const [y, m, d] = day.split('-');
    const text = bodyText(html);
    if (!text.includes(day) && !text.includes(`${y}年${m}月${d}日`)) {
      noDate.push({ articleId: article.id, path: article.path, publishedAt: article.publishedAt });
    }
  }
  const search = await fetchPage(`/search?q=${encodeURIComponent(site.name.slice(0, 4) || '通知')}`).catch(
    () => ({ status: 0, html: '' }),
  );
  return [
    { id: 'D-meta-tags', count: metaMissing.length, evidence: metaMissing },
    { id: 'D-no-date', count: noDate.length, evidence: noDate },
    {
      id: 'D-search',
      count: search.status === 200 ? 0 : 1,
      evidence: search.status === 200 ? [] : [{ path: '/search', status: search.status }],
    },
  ];
}
