import { writeFile } from 'node:fs/promises';
import {
  articleContent,
  createArticle,
  createColumn,
  createSeries,
  createSite,
  escapeHtml,
  linkInterpretation,
  noEvents,
  publishArticle,
  publishSeries,
  savePolicyDocument,
  shanghaiDate,
  updateSite,
  uploadMedia,
  type AppDeps,
  type MediaStore,
  type AttachmentInput,
} from '../app/index.js';
import {
  EMPTY_POLICY_FIELDS,
  errorReportUrlFor,
  policeRecordCodeOf,
  type AccountKind,
  type MediaAccount,
  type Principal,
  type Site,
} from '../core/index.js';
import {
  demoArticles,
  demoColumns,
  demoSeries,
  demoServices,
  demoSite,
  type DemoArticle,
  type DemoAttachment,
  type DemoColumn,
} from './demo-content.js';
import { demoBadge, demoCover, demoQr } from './demo-images.js';
import { demoAnnualReport, demoDisclosurePages, demoGuide, demoPolicies } from './demo-policies.js';
import { loadDemoInteraction } from './demo-interact.js';
import { loadDemoConsultations } from './demo-consultations.js';
import { tinyPdf } from './tiny-pdf.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEMO: Principal = { kind: 'system', reason: 'demo content' };

/** Turns the demo's paragraph notation (`## ` headings, `| ` table rows) into body HTML. */
export function demoBodyHtml(paragraphs: readonly string[]): string {
  const out: string[] = [];
  let table: string[][] = [];
  const flushTable = () => {
    if (table.length === 0) return;
    const [header, ...rows] = table;
    const cells = (row: string[], tag: 'th' | 'td') =>
      `<tr>${row.map((cell) => `<${tag}${tag === 'th' ? ' scope="col"' : ''}>${escapeHtml(cell)}</${tag}>`).join('')}</tr>`;
    out.push(
      `<table><thead>${cells(header ?? [], 'th')}</thead><tbody>${rows.map((r) => cells(r, 'td')).join('')}</tbody></table>`,
    );
    table = [];
  };
  for (const paragraph of paragraphs) {
    if (paragraph.startsWith('| ')) {
      table.push(
        paragraph
          .slice(2)
          .replace(/\s*\|\s*$/, '')
          .split(' | ')
          .map((cell) => cell.trim()),
      );
      continue;
    }
    flushTable();
    if (paragraph.startsWith('## ')) out.push(`<h2>${escapeHtml(paragraph.slice(3).trim())}</h2>`);
    else out.push(`<p>${escapeHtml(paragraph.trim())}</p>`);
  }
  flushTable();
  return out.join('\n');
}

/** Publish time of a demo item: `daysAgo` days before now, at its local (UTC+8) time of day. */
export function demoTime(now: string, daysAgo: number, time: string): string {
  const [hours, minutes] = time.split(':').map(Number);
  const local = new Date(Date.parse(now) + 8 * 60 * 60 * 1000 - daysAgo * DAY_MS);
  local.setUTCHours(hours ?? 9, minutes ?? 0, 0, 0);
  const at = new Date(local.getTime() - 8 * 60 * 60 * 1000).toISOString();
  // An item dated today but later than now would be in the future: keep it in the past.
  return at > now ? new Date(Date.parse(now) - 60_000).toISOString() : at;
}

async function storeAttachment(media: MediaStore, attachment: DemoAttachment): Promise<AttachmentInput> {
  const isPdf = attachment.name.toLowerCase().endsWith('.pdf');
  const bytes = isPdf
    ? tinyPdf(attachment.lines)
    : new Uint8Array(Buffer.from(`\ufeff${attachment.lines.join('\r\n')}\r\n`, 'utf8'));
  const stored = await media.put(bytes, isPdf ? 'pdf' : 'csv');
  return {
    name: attachment.name,
    url: stored.url,
    mime: isPdf ? 'application/pdf' : 'text/csv',
    size: stored.size,
  };
}

export interface DemoSummary {
  readonly site: Site;
  readonly columns: number;
  readonly articles: number;
  readonly series: number;
}

/**
 * Loads the demo portal (a fictional city government) into an empty database, in one transaction.
 * Dates are relative to now, so the demo never looks stale.
 */
export async function loadDemo(deps: AppDeps, media: MediaStore): Promise<DemoSummary> {
  const now = deps.clock.now();
  // Files first (content-addressed, harmless if the transaction fails), then every row in one transaction.
  const files = new Map<DemoAttachment, AttachmentInput>();
  for (const article of demoArticles) {
    for (const attachment of article.attachments ?? [])
      files.set(attachment, await storeAttachment(media, attachment));
  }

  const summary = await deps.store.transaction(async (store) => {
    const inner: AppDeps = { ...deps, store, events: noEvents };
    const site = await createSite(inner, DEMO, {
      slug: 'main',
      name: demoSite.name,
      baseUrl: demoSite.baseUrl,
      hosts: [],
      sponsor: demoSite.sponsor,
      icpRecord: demoSite.icpRecord,
      policeRecord: demoSite.policeRecord,
      policeRecordCode: demoSite.policeRecordCode || policeRecordCodeOf(demoSite.policeRecord),
      siteCode: demoSite.siteCode,
      footerNotice: demoSite.footerNotice,
      language: 'zh-CN',
      accounts: demoSite.accounts.map((a) => ({ name: a.name, kind: a.kind, qrUrl: null })),
    });

    const columnIds = new Map<string, number>();
    let columnCount = 0;
    const addColumns = async (
      list: readonly DemoColumn[],
      parentId: number | null,
      parentPath: string | null,
    ) => {
      for (const [position, c] of list.entries()) {
        const column = await createColumn(inner, DEMO, {
          siteId: site.id,
          parentId,
          slug: c.slug,
          name: c.name,
          kind: c.kind,
          position,
          description: c.description,
          keywords: c.keywords,
          freshnessDays: c.freshnessDays,
          linkUrl: c.linkUrl ?? null,
        });
        columnCount++;
        const path = parentPath ? `${parentPath}/${c.slug}` : c.slug;
        columnIds.set(path, column.id);
        await addColumns(c.children ?? [], column.id, path);
      }
    };
    await addColumns(demoColumns, null, null);

    const addArticle = async (a: DemoArticle): Promise<number> => {
      const columnId = columnIds.get(a.column);
      if (columnId === undefined)
        throw new Error(`demo article "${a.title}" names unknown column ${a.column}`);
      const article = await createArticle(
        inner,
        DEMO,
        site.id,
        {
          columnId,
          title: a.title,
          kicker: a.kicker ?? '',
          subtitle: a.subtitle ?? '',
          summary: a.summary,
          bodyHtml: demoBodyHtml(a.body),
          source: a.source,
          originalAuthor: a.originalAuthor ?? '',
          originalTitle: a.originalTitle ?? '',
          author: a.author,
          editor: a.editor,
          tags: a.tags,
        },
        (a.attachments ?? []).map((attachment) => files.get(attachment) as AttachmentInput),
      );
      await publishArticle(inner, DEMO, article.id, { at: demoTime(now, a.daysAgo, a.time) });
      return article.id;
    };

    // Oldest first, so that ids grow with time as they would on a real site.
    const ordered = [...demoArticles].sort((x, y) => y.daysAgo - x.daysAgo || x.time.localeCompare(y.time));
    for (const article of ordered) await addArticle(article);

    let memberCount = 0;
    for (const s of demoSeries) {
      const memberIds: number[] = [];
      for (const member of s.members) memberIds.push(await addArticle(member));
      memberCount += memberIds.length;
      const series = await createSeries(inner, DEMO, {
        siteId: site.id,
        columnId: columnIds.get(s.column) ?? null,
        slug: s.slug,
        title: s.title,
        label: s.label,
        leadHtml: demoBodyHtml(s.lead.split(/\n+/)),
        source: s.source,
        editor: s.editor,
        memberIds,
      });
      await publishSeries(inner, DEMO, series.id, demoTime(now, s.daysAgo, '08:30'));
    }
    const policies = await loadDemoPolicies(inner, site.id, now);
    await loadDemoInteraction(inner, DEMO, site.id, columnIds.get('hdjl') as number, now);
    return {
      site,
      columns: columnCount,
      articles: demoArticles.length + memberCount + policies,
      series: demoSeries.length,
    };
  });
  if (deps.media) await addDemoPictures(deps, summary.site);
  await loadDemoConsultations(deps, summary.site.id);
  deps.events.emit({ type: 'site-updated', siteId: summary.site.id });
  return summary;
}

const COVER_ALTS = [
  '青川城区沿江风貌：远山、楼群和穿城而过的河流',
  '青川新区一角：绿色山丘下的住宅楼和河道',
  '晨光中的青川老城：低矮楼房和河湾',
  '青川高新区远景：厂房和办公楼沿河排开',
];

/** Pictures of the demo site, in its media library: covers of the newest news, account QR codes, badges. */
async function addDemoPictures(deps: AppDeps, site: Site): Promise<void> {
  const upload = async (bytes: Buffer, filename: string, alt: string): Promise<string> => {
    const tempPath = deps.media!.files.incomingPath();
    await writeFile(tempPath, bytes);
    return (await uploadMedia(deps, DEMO, { tempPath, filename }, { siteId: site.id, alt })).url;
  };
  const qrOf = async (kind: AccountKind, name: string) =>
    upload(await demoQr(`${site.baseUrl}/?from=${kind}`), `${kind}-qr.png`, `${name}二维码`);
  const accounts: MediaAccount[] = [];
  for (const account of site.accounts)
    accounts.push({ ...account, qrUrl: await qrOf(account.kind, account.name) });
  const partyBadge = await upload(await demoBadge('party'), 'party-mark.png', '党政机关网站标识');
  const errorBadge = await upload(await demoBadge('error-report'), 'jiucuo.png', '我为政府网站找错');
  const news = (await deps.store.columns.listBySite(site.id)).filter((c) => c.kind === 'news');
  const newest = await deps.store.articles.listPublished(
    { siteId: site.id, columnIds: news.map((c) => c.id) },
    COVER_ALTS.length,
    0,
  );
  const covers: string[] = [];
  for (const [i, alt] of COVER_ALTS.entries())
    covers.push(await upload(await demoCover(i), `cover-${i + 1}.jpg`, alt));

  // The home page's 领导信箱 is the site's own 市长信箱 (互动交流), not another platform.
  const leader = (await deps.store.interact.listChannels(site.id)).find((c) => c.kind === 'leader');
  await deps.store.transaction(async (store) => {
    const inner: AppDeps = { ...deps, store, events: noEvents };
    await updateSite(inner, DEMO, site.id, {
      ...site,
      accounts,
      portal: {
        services: demoServices,
        mailboxUrl: leader ? `/hudong/write/${leader.id}` : '/hudong/',
        hotline: '12345',
        errorReportUrl: errorReportUrlFor(site.siteCode),
        errorReportBadgeUrl: errorBadge,
        partyMarkUrl: 'https://bszs.conac.cn/sitename?method=show&id=0000000001',
        partyMarkBadgeUrl: partyBadge,
        showViewCount: true,
      },
    });
    // Readers' visits so far, so that 浏览次数 shows plausible numbers: older articles were read more.
    const all = await store.articles.listPublished({ siteId: site.id }, 1000, 0);
    await store.articles.addViews(new Map(all.map((a, i) => [a.id, 40 + i * 23 + ((a.id * 37) % 97)])));
    for (const [i, item] of newest.entries()) {
      const article = await store.articles.get(item.id);
      if (!article) continue;
      const content = { ...articleContent(article), coverUrl: covers[i]!, coverAlt: COVER_ALTS[i]! };
      await store.articles.updateContent(article.id, article.version, content, deps.clock.now());
    }
  });
}

/**
 * The demo's 政府信息公开 专栏 (created with the site): its policy documents with their metadata and 解读, one
 * repealed and one amended, the 指南 and the 年报. Returns how many articles it published.
 */
async function loadDemoPolicies(deps: AppDeps, siteId: number, now: string): Promise<number> {
  const columns = await deps.store.columns.listBySite(siteId);
  const columnAt = (path: string): number => {
    const column = columns.find((c) => c.path === path);
    if (!column) throw new Error(`the demo has no column ${path}`);
    return column.id;
  };
  let count = 0;
  const publish = async (
    path: string,
    title: string,
    body: readonly string[],
    source: string,
    at: string,
  ) => {
    const article = await createArticle(deps, DEMO, siteId, {
      columnId: columnAt(path),
      title,
      summary: '',
      bodyHtml: demoBodyHtml(body),
      source,
      editor: '周岚',
    });
    await publishArticle(deps, DEMO, article.id, { at });
    count++;
    return article.id;
  };
  const ids = new Map<string, number>();
  const ordered = [...demoPolicies].sort((a, b) => b.daysAgo - a.daysAgo);
  for (const p of ordered) {
    const written = demoTime(now, p.daysAgo, '09:00');
    const article = await createArticle(deps, DEMO, siteId, {
      columnId: columnAt('zfxxgk/fdzdgknr/zcwj'),
      title: p.title,
      summary: '',
      bodyHtml: demoBodyHtml(p.body),
      source: p.issuers[0] ?? '',
      editor: '周岚',
    });
    await savePolicyDocument(
      deps,
      DEMO,
      article.id,
      {
        ...EMPTY_POLICY_FIELDS,
        issuers: p.issuers,
        documentNumber: p.documentNumber,
        writtenAt: shanghaiDate(written),
        effectiveAt: shanghaiDate(demoTime(now, p.daysAgo - 2, '09:00')),
        themes: [p.theme],
        genre: p.genre,
        policyClass: p.policyClass,
        keywords: p.keywords,
      },
      null,
    );
    await publishArticle(deps, DEMO, article.id, { at: demoTime(now, p.daysAgo - 2, '10:00') });
    count++;
    ids.set(p.key, article.id);
    if (p.interpretation) {
      const { kind, title, body } = p.interpretation;
      const at = demoTime(now, p.daysAgo - 3, '15:00');
      const explained = await publish('zfxxgk/fdzdgknr/zcjd', title, body, p.issuers[0] ?? '', at);
      await linkInterpretation(deps, DEMO, article.id, explained, kind);
    }
  }
  for (const p of ordered) {
    const replacedBy = p.replacedBy === undefined ? undefined : ids.get(p.replacedBy);
    if (replacedBy === undefined) continue;
    const id = ids.get(p.key) as number;
    const current = await deps.store.policies.get(id);
    const replacement = await deps.store.policies.get(replacedBy);
    if (!current || !replacement) continue;
    await savePolicyDocument(
      deps,
      DEMO,
      id,
      { ...current, validity: p.validity ?? 'repealed', validityDate: replacement.publishedAt, replacedBy },
      current.version,
      '被新文件废止或修改',
    );
  }
  await publish(
    'zfxxgk/gkzn',
    demoGuide.title,
    demoGuide.body,
    '青川市人民政府办公室',
    demoTime(now, 200, '09:00'),
  );
  await publish(
    'zfxxgk/gknb',
    demoAnnualReport.title,
    demoAnnualReport.body,
    '青川市人民政府办公室',
    demoTime(now, 30, '09:00'),
  );
  for (const page of demoDisclosurePages) {
    await publish(
      page.path,
      page.title,
      page.body,
      '青川市人民政府办公室',
      demoTime(now, page.daysAgo, '09:00'),
    );
  }
  return count;
}
