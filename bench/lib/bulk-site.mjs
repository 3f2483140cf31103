// Shared by the benchmark generators: a demo portal created through Gazette itself (migrations, site, column
// tree, demo articles), then bulk articles written straight into its SQLite database in one transaction, with
// deterministic titles, bodies and dates. Each generator decides where its articles go and how they are tagged.
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';

/** A fresh data directory holding the demo portal; returns its site and columns and Gazette's `articlePath`. */
export async function createDemoSite(dataDir, build = 'dist') {
  const dist = pathToFileURL(resolve(build)).href;
  const { loadConfig } = await import(`${dist}/config/index.js`);
  const { openGazette, ensureDemo } = await import(`${dist}/boot/index.js`);
  const { articlePath } = await import(`${dist}/core/index.js`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const config = loadConfig(
    { GAZETTE_LOG_LEVEL: 'silent', GAZETTE_THEME_DIR: resolve('themes/default') },
    { dataDir },
  );
  const gazette = await openGazette(config);
  await ensureDemo(gazette);
  const [site] = await gazette.deps.store.sites.list();
  const columns = await gazette.deps.store.columns.listBySite(site.id);
  await gazette.close();
  return { site, columns, articlePath };
}

/** A deterministic pseudo-random stream (mulberry32) and a picker over it. */
export function seeded(seed) {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { random, pick: (list) => list[Math.floor(random() * list.length)] };
}

const SUBJECTS = [
  '市政府',
  '市发展改革委',
  '市生态环境局',
  '市卫生健康委',
  '市住房城乡建设局',
  '市交通运输局',
  '市教育局',
];
const ACTIONS = [
  '召开专题会议',
  '部署推进',
  '印发实施方案',
  '开展专项检查',
  '通报工作进展',
  '举行新闻发布会',
];
export const TOPICS = [
  '城市更新',
  '安全生产',
  '民生保障',
  '营商环境',
  '乡村振兴',
  '生态环境保护',
  '数字政府建设',
  '医疗保障',
];
const SENTENCES = [
  '会议强调，要坚持以人民为中心的发展思想，把各项工作任务落实落细。',
  '各区县、各部门要压紧压实责任，建立工作台账，明确时间节点，确保按期完成。',
  '要加强统筹协调，形成工作合力，及时研究解决推进过程中遇到的困难和问题。',
  '会议听取了有关工作情况汇报，研究部署下一阶段重点任务。',
  '要强化督查考核，对工作不力、进展缓慢的单位予以通报，推动工作取得实效。',
  '相关负责人表示，将认真贯彻落实会议精神，细化工作措施，全力抓好落实。',
];

/** Title, summary and body of the `n`-th bulk article on `topic`. */
export function bulkText({ random, pick }, topic, n) {
  const paragraphs = Array.from({ length: 6 + Math.floor(random() * 6) }, () =>
    Array.from({ length: 3 }, () => pick(SENTENCES)).join(''),
  );
  return {
    title: `${pick(SUBJECTS)}${pick(ACTIONS)} 推进${topic}工作（第${n}期）`,
    summary: `${topic}：${paragraphs[0].slice(0, 60)}`,
    body: paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
  };
}

/**
 * Opens the site's database for bulk writing. `write(fn)` runs fn in one transaction; inside it `article(...)`
 * inserts a published article with its final path and `tag(...)` tags it (filling `listed_at` where the schema
 * has it). Call `close()` at the end: it analyses the tables for the query planner.
 */
export function bulkWriter(dataDir, site, articlePath) {
  const db = new Database(join(dataDir, 'gazette.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const listedAt = db
    .prepare('pragma table_info(article_tags)')
    .all()
    .some((c) => c.name === 'listed_at');
  const insertArticle = db.prepare(`insert into articles
    (site_id, column_id, status, title, kicker, subtitle, summary, body_html, source, original_author,
     original_title, author, editor, path, published_at, withdrawn_reason, cover_url, cover_alt, view_count,
     version, created_at, updated_at, review_level, review_round)
    values (?, ?, 'published', ?, '', '', ?, ?, '青川市人民政府办公室', '', '', '综合', '王晓明', ?, ?, '', '', '', 0,
     1, ?, ?, 0, 0)`);
  const setPath = db.prepare('update articles set path = ? where id = ?');
  const insertTag = db.prepare(
    listedAt
      ? 'insert into article_tags (article_id, site_id, tag, position, listed_at) values (?, ?, ?, 0, ?)'
      : 'insert into article_tags (article_id, site_id, tag, position) values (?, ?, ?, 0)',
  );
  return {
    db,
    write: (fn) => db.transaction(fn)(),
    article(column, { title, summary, body }, at) {
      const { lastInsertRowid } = insertArticle.run(
        site.id,
        column.id,
        title,
        summary,
        body,
        `/pending/${at}`,
        at,
        at,
        at,
      );
      const id = Number(lastInsertRowid);
      setPath.run(articlePath(column.path, id, at), id);
      return id;
    },
    tag(id, tag, at) {
      insertTag.run(...(listedAt ? [id, site.id, tag, at] : [id, site.id, tag]));
    },
    close() {
      db.exec('analyze');
      db.close();
    },
  };
}
