import type { Column, ColumnKind, Principal } from '../core/index.js';
import type { AppDeps } from './deps.js';
import { createColumn } from './manage-columns.js';

interface SectionColumn {
  readonly slug: string;
  readonly name: string;
  readonly kind: ColumnKind;
  readonly description: string;
  readonly children?: readonly SectionColumn[];
}

/** The top column of the 政府信息公开 专栏; the catalogue itself lives at `/xxgk/`. */
export const DISCLOSURE_SECTION_SLUG = 'zfxxgk';

/**
 * The standard structure of a 政府信息公开 专栏 (the 条例 and the State Council's guidance on the 专栏): 指南,
 * 制度, 法定主动公开内容 with its usual sub-columns, 年报, 依申请公开. Every column stays editable.
 */
export const DISCLOSURE_SECTION: SectionColumn = {
  slug: DISCLOSURE_SECTION_SLUG,
  name: '政府信息公开',
  kind: 'notice',
  description: '依照《中华人民共和国政府信息公开条例》设立的政府信息公开专栏。',
  children: [
    {
      slug: 'gkzn',
      name: '政府信息公开指南',
      kind: 'page',
      description: '公开方式、申请渠道、受理机构和办理时限。',
    },
    { slug: 'gkzd', name: '政府信息公开制度', kind: 'notice', description: '本机关政府信息公开的工作制度。' },
    {
      slug: 'fdzdgknr',
      name: '法定主动公开内容',
      kind: 'notice',
      description: '《条例》第十九条、第二十条规定应当主动公开的政府信息。',
      children: [
        {
          slug: 'jgzn',
          name: '机构职能',
          kind: 'page',
          description: '机构设置、职能、办公地址、办公时间、联系方式和负责人。',
        },
        {
          slug: 'zcwj',
          name: '政策文件',
          kind: 'policy',
          description: '规章、行政规范性文件和其他政策文件。',
        },
        {
          slug: 'zcjd',
          name: '政策解读',
          kind: 'interpretation',
          description: '政策文件的文字解读、图解、音视频和专家、媒体解读。',
        },
        {
          slug: 'ghjh',
          name: '规划计划',
          kind: 'notice',
          description: '国民经济和社会发展规划、专项规划、区域规划及相关政策。',
        },
        {
          slug: 'czyjs',
          name: '财政预决算',
          kind: 'notice',
          description: '财政预算、决算信息和“三公”经费。',
        },
        {
          slug: 'rsxx',
          name: '人事信息',
          kind: 'notice',
          description: '人事任免、公务员招考和事业单位公开招聘。',
        },
      ],
    },
    {
      slug: 'gknb',
      name: '政府信息公开年报',
      kind: 'notice',
      description: '每年1月31日前公布的政府信息公开工作年度报告。',
    },
    {
      slug: 'ysqgk',
      name: '依申请公开',
      kind: 'page',
      description: '在线提交政府信息公开申请，查询办理进度。',
    },
  ],
};

/**
 * Creates the 专栏's standard columns in a site (site administrators; the system when a site is created).
 * Returns the created columns by path below the site (`zfxxgk/fdzdgknr/zcwj`).
 */
export async function createDisclosureSection(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  position = 50,
): Promise<Map<string, Column>> {
  const created = new Map<string, Column>();
  const add = async (inner: AppDeps, c: SectionColumn, parent: Column | null, at: number, path: string) => {
    const column = await createColumn(inner, principal, {
      siteId,
      parentId: parent?.id ?? null,
      slug: c.slug,
      name: c.name,
      kind: c.kind,
      position: at,
      description: c.description,
    });
    created.set(path, column);
    for (const [i, child] of (c.children ?? []).entries()) {
      await add(inner, child, column, i, `${path}/${child.slug}`);
    }
  };
  // One transaction: the whole structure or none of it; the column events go out once it has committed.
  const events: Parameters<AppDeps['events']['emit']>[0][] = [];
  await deps.store.transaction((store) =>
    add(
      { ...deps, store, events: { emit: (e) => events.push(e) } },
      DISCLOSURE_SECTION,
      null,
      position,
      DISCLOSURE_SECTION.slug,
    ),
  );
  for (const event of events) deps.events.emit(event);
  return created;
}
