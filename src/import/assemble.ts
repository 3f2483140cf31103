import {
  emptyFields,
  type ImportedAttachment,
  type ImportedBlock,
  type ImportedItem,
  type PageFields,
} from './model.js';
import { normaliseSpace, readFieldLine } from './fields.js';
import { joinedLinks, splitLinks } from './links.js';

/** What a parser found on a page before deciding whether it is one article or a series. */
export interface PageParts {
  readonly title: string;
  readonly label: string;
  readonly kicker: string;
  readonly subtitle: string;
  readonly fields: PageFields;
  readonly blocks: readonly ImportedBlock[];
  readonly attachments: readonly ImportedAttachment[];
  /** Paragraphs opening with a bold run, and its text (HTML pages only). */
  readonly leadIns?: ReadonlyMap<ImportedBlock, string>;
}

const SERIES_LABEL =
  /^(合集|系列|系列评论|系列社论|系列报道|组稿|专题|专栏|特稿合集|评论合集|一周要闻|要闻汇总)$/;
/** Titles that announce several pieces: 六论…, …系列评论, 一周要闻汇总, …速览. */
const SERIES_TITLE =
  /^[一二三四五六七八九十]+论|系列(评论|社论|报道|文章)|合集|汇总|速览|一览|集锦|摘编|盘点|(一周|每周|本周|今日|每日)要闻/;
const NUMBER = '[0-9０-９一二三四五六七八九十两]+';
/** A lead announcing N pieces: 推出6篇…系列社论, 刊发三篇评论, 整理了以下5条. */
const ANNOUNCES = new RegExp(
  `(推出|刊发|刊登|发表|编发|整理|摘编|精选|汇总|梳理|推送)(了|以下|如下)?(${NUMBER})(篇|则|条|期|组)`,
);
const NUMBERED_HEADING =
  /^\s*(第?[0-9０-９]+[、.．)）]|[（(][0-9一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|【[0-9一二三四五六七八九十]+】|之[一二三四五六七八九十]+)/;
/** A section that ends with its own mark: （完）, （记者 张三）, （来源：xx）. */
const END_MARK =
  /[（(](完|记者[^）)]*|来源[:：][^）)]*|编辑[:：][^）)]*|作者[:：][^）)]*|本报记者[^）)]*)[）)]\s*$/;

const CHINESE_NUMBERS: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

function numberOf(text: string): number {
  const ascii = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(ascii)) return Number(ascii);
  if (ascii.length === 1) return CHINESE_NUMBERS[ascii] ?? 0;
  if (ascii.startsWith('十')) return 10 + (CHINESE_NUMBERS[ascii.slice(1)] ?? 0);
  return (CHINESE_NUMBERS[ascii[0] ?? ''] ?? 0) * 10 + (CHINESE_NUMBERS[ascii.slice(2)] ?? 0);
}

/**
 * Joins a heading broken over two lines (`更加深刻领悟` / `“两个确立”的决定性意义`): consecutive headings with
 * nothing between, unless the second starts a numbered heading of its own.
 */
export function joinBrokenHeadings(blocks: readonly ImportedBlock[]): ImportedBlock[] {
  const out: ImportedBlock[] = [];
  for (const block of blocks) {
    const previous = out[out.length - 1];
    if (
      block.type === 'heading' &&
      previous?.type === 'heading' &&
      !NUMBERED_HEADING.test(block.text) &&
      !/[。！？!?：:]$/.test(previous.text) &&
      previous.text.length + block.text.length <= 60
    ) {
      out[out.length - 1] = {
        type: 'heading',
        text: previous.text + block.text,
        ...joinedLinks(previous, block),
      };
    } else out.push(block);
  }
  return out;
}

interface Section {
  readonly heading: string;
  readonly blocks: readonly ImportedBlock[];
}

function sectionsOf(blocks: readonly ImportedBlock[]): { lead: ImportedBlock[]; sections: Section[] } {
  const lead: ImportedBlock[] = [];
  const sections: { heading: string; blocks: ImportedBlock[] }[] = [];
  for (const block of blocks) {
    const current = sections[sections.length - 1];
    if (block.type === 'heading') sections.push({ heading: block.text, blocks: [] });
    else if (current) current.blocks.push(block);
    else lead.push(block);
  }
  return { lead, sections };
}

/** Why a page with sections is a series, or null when it is one article with sub-headings. */
export function seriesEvidence(
  parts: PageParts,
  lead: readonly ImportedBlock[],
  sections: readonly Section[],
): string | null {
  if (sections.length < 2 || sections.some((s) => !s.blocks.some((b) => b.type === 'paragraph'))) return null;
  if (SERIES_LABEL.test(parts.label)) return `labelled ${parts.label}`;
  if (SERIES_TITLE.test(parts.title)) return 'the title announces several pieces';
  const announced = ANNOUNCES.exec(lead.map((b) => b.text).join(''));
  if (announced && numberOf(announced[3] ?? '') === sections.length)
    return `the lead announces ${sections.length} pieces`;
  const ended = sections.filter((s) => {
    const last = [...s.blocks].reverse().find((b) => b.type === 'paragraph');
    return last !== undefined && END_MARK.test(last.text);
  });
  if (ended.length === sections.length) return 'each section ends with its own end mark';
  return null;
}

/** A member's title without its running number (`1. 我市…` → `我市…`). */
const memberTitle = (heading: string): string =>
  normaliseSpace(heading.replace(NUMBERED_HEADING, '').replace(/^[\s、.．:：]+/, '')) || heading;

/** A member's own byline lines (e.g. `（记者 张三）` closing it) become its fields. */
function memberOf(section: Section, page: PageFields): ImportedItem {
  const fields = emptyFields();
  const blocks = section.blocks.filter(
    (b, index) =>
      !(
        b.type === 'paragraph' &&
        (index === 0 || index === section.blocks.length - 1) &&
        readFieldLine(b.text, fields)
      ),
  );
  return {
    kind: 'article',
    title: memberTitle(section.heading),
    kicker: '',
    subtitle: '',
    label: '',
    source: fields.source || page.source,
    author: fields.author || page.author,
    editor: fields.editor || page.editor,
    publishedAt: fields.publishedAt ?? page.publishedAt,
    datePrecision: fields.publishedAt === null ? page.datePrecision : fields.datePrecision,
    meta: {},
    blocks,
    attachments: [],
    members: [],
  };
}

/**
 * A round-up written without headings, each item a paragraph opening with its numbered title in bold
 * (`<p><strong>1. 市政府召开常务会议。</strong>9月9日，…</p>`): those titles as headings, or null when fewer
 * than two paragraphs open that way.
 */
export function splitLeadIns(
  blocks: readonly ImportedBlock[],
  leadIns: ReadonlyMap<ImportedBlock, string>,
): ImportedBlock[] | null {
  const numbered = (block: ImportedBlock): string | null => {
    const lead = leadIns.get(block);
    return lead !== undefined && NUMBERED_HEADING.test(lead) ? lead : null;
  };
  if (blocks.filter((block) => numbered(block) !== null).length < 2) return null;
  return blocks.flatMap((block): ImportedBlock[] => {
    const lead = numbered(block);
    if (lead === null) return [block];
    const [heading, rest] = splitLinks(block.links ?? [], lead);
    return [
      { type: 'heading', text: lead.replace(/[\s。．.:：;；,，]+$/, ''), ...heading },
      { type: 'paragraph', text: normaliseSpace(block.text.slice(lead.length)), ...rest },
    ];
  });
}

/** The page as sections: its headings, or else (for a page without any) its numbered bold lead-ins. */
function sectioned(parts: PageParts) {
  const blocks = joinBrokenHeadings(parts.blocks);
  const plain = { blocks, ...sectionsOf(blocks) };
  const evidence = seriesEvidence(parts, plain.lead, plain.sections);
  const split =
    evidence === null && plain.sections.length === 0 && parts.leadIns
      ? splitLeadIns(blocks, parts.leadIns)
      : null;
  if (split === null) return { ...plain, evidence };
  const bySplit = { blocks: split, ...sectionsOf(split) };
  const splitEvidence = seriesEvidence(parts, bySplit.lead, bySplit.sections);
  // Numbered bold lead-ins in one article (一、总体要求。…) stay paragraphs: only a series is split.
  return splitEvidence === null ? { ...plain, evidence } : { ...bySplit, evidence: splitEvidence };
}

/** Builds the page's items: one article, or one series whose members are its sections. */
export function assemble(parts: PageParts): { items: ImportedItem[]; warnings: string[] } {
  const warnings: string[] = [];
  const { blocks, lead, sections, evidence } = sectioned(parts);
  const base = {
    title: parts.title,
    kicker: parts.kicker,
    subtitle: parts.subtitle,
    source: parts.fields.source,
    author: parts.fields.author,
    editor: parts.fields.editor,
    publishedAt: parts.fields.publishedAt,
    datePrecision: parts.fields.publishedAt === null ? null : (parts.fields.datePrecision ?? 'second'),
    meta: parts.fields.meta,
    attachments: parts.attachments,
  };
  if (parts.title === '') warnings.push('no title found');
  if (parts.fields.publishedAt === null) warnings.push('no publish date found');
  if (evidence === null) {
    if (blocks.length === 0) warnings.push('empty body');
    return { items: [{ kind: 'article', ...base, label: '', blocks, members: [] }], warnings };
  }
  return {
    items: [
      {
        kind: 'series',
        ...base,
        label: parts.label,
        blocks: lead,
        members: sections.map((section) => memberOf(section, parts.fields)),
      },
    ],
    warnings,
  };
}
