import { describe, expect, it } from 'vitest';
import type { ArticleContent } from './ports.js';
import {
  bodyText,
  characterTokens,
  diffRevisions,
  diffSegmenterName,
  diffText,
  type DiffPart,
} from './revision-diff.js';

const base: ArticleContent = {
  columnId: 3,
  title: '市政府召开常务会议研究部署安全生产工作',
  kicker: '',
  subtitle: '',
  summary: '会议强调，要压实安全生产责任。',
  bodyHtml: '<p>11月27日，市政府召开常务会议，研究部署今冬明春安全生产工作。</p><p>会议由市长主持。</p>',
  source: '市应急管理局',
  originalAuthor: '',
  originalTitle: '',
  author: '王敏',
  editor: '李强',
  coverUrl: '',
  coverAlt: '',
  showCoverInBody: false,
  tags: ['安全生产', '常务会议'],
};

const changedOnly = (parts: readonly DiffPart[]) => parts.filter((p) => p.kind !== 'same');

describe('word-level diff of Chinese text', () => {
  it('segments with jieba on this machine', () => {
    expect(diffSegmenterName()).toBe('jieba');
  });

  it('shows a one-word change in a sentence as one word removed and one added', () => {
    const parts = diffText(
      '市政府召开常务会议，研究部署安全生产工作。',
      '市政府召开专题会议，研究部署安全生产工作。',
    );
    expect(parts).toEqual([
      { kind: 'same', text: '市政府召开' },
      { kind: 'removed', text: '常务会议' },
      { kind: 'added', text: '专题会议' },
      { kind: 'same', text: '，研究部署安全生产工作。' },
    ]);
  });

  it('catches a one-character slip as the word it spoils (扫黑险恶 → 扫黑除恶)', () => {
    expect(changedOnly(diffText('深入开展扫黑险恶专项斗争', '深入开展扫黑除恶专项斗争'))).toEqual([
      { kind: 'removed', text: '险恶' },
      { kind: 'added', text: '除恶' },
    ]);
  });

  it('keeps Latin words and numbers whole', () => {
    expect(changedOnly(diffText('Gazette 1.0 版本发布', 'Gazette 2.0 版本发布'))).toEqual([
      { kind: 'removed', text: '1.0' },
      { kind: 'added', text: '2.0' },
    ]);
    expect(changedOnly(diffText('hello world', 'hello there world'))).toEqual([
      { kind: 'added', text: 'there ' },
    ]);
  });

  it('gives one same part for equal text and nothing for two empty ones', () => {
    expect(diffText('一样', '一样')).toEqual([{ kind: 'same', text: '一样' }]);
    expect(diffText('', '')).toEqual([]);
    expect(diffText('', '新增')).toEqual([{ kind: 'added', text: '新增' }]);
  });

  it('never runs a change across paragraphs', () => {
    const parts = diffText('第一段。\n第二段写错了攻府。', '第一段。\n第二段写错了政府。\n第三段');
    expect(changedOnly(parts)).toEqual([
      { kind: 'removed', text: '攻府' },
      { kind: 'added', text: '政府' },
      { kind: 'added', text: '\n第三段' },
    ]);
  });

  it('the fallback tokens are single Chinese characters and whole Latin words', () => {
    expect(characterTokens('Gazette 2.0发布abc中文')).toEqual([
      'Gazette',
      ' ',
      '2',
      '.',
      '0',
      '发',
      '布',
      'abc',
      '中',
      '文',
    ]);
  });
});

describe('bodyText', () => {
  it('reduces HTML to one line of text per paragraph, entities decoded', () => {
    expect(
      bodyText(
        '<h2>一、总体要求</h2><p>坚持&amp;落实<br>第二行</p><ul><li>甲</li><li>乙</li></ul><table><tr><td>a</td><td>b</td></tr></table><p><img src="/media/x.png" alt="现场照片"></p>',
      ),
    ).toBe('一、总体要求\n坚持&落实\n第二行\n甲\n乙\na b\n[图片：现场照片]');
  });
});

describe('diffRevisions', () => {
  it('compares every text field and the body text, and says which changed', () => {
    const next: ArticleContent = {
      ...base,
      title: '市政府召开专题会议研究部署安全生产工作',
      bodyHtml: '<p>11月27日，市政府召开专题会议，研究部署今冬明春安全生产工作。</p><p>会议由市长主持。</p>',
      editor: '赵刚',
      tags: ['安全生产'],
    };
    const diff = diffRevisions({ content: base }, next);
    const changed = diff.fields.filter((f) => f.changed).map((f) => f.field);
    expect(changed).toEqual(['title', 'editor', 'tags', 'body']);
    const body = diff.fields.find((f) => f.field === 'body')!;
    expect(changedOnly(body.parts)).toEqual([
      { kind: 'removed', text: '常务会议' },
      { kind: 'added', text: '专题会议' },
    ]);
    expect(body.parts.map((p) => p.text).join('')).toContain('\n会议由市长主持。');
    expect(diff.fields.find((f) => f.field === 'editor')!.parts).toEqual([
      { kind: 'removed', text: '李强' },
      { kind: 'added', text: '赵刚' },
    ]);
    expect(diff.fields.find((f) => f.field === 'source')).toEqual({
      field: 'source',
      changed: false,
      parts: [{ kind: 'same', text: '市应急管理局' }],
    });
  });

  it('does not report markup-only changes to the body', () => {
    const diff = diffRevisions(base, {
      ...base,
      bodyHtml: base.bodyHtml.replace('<p>会议', '<p><strong>会议'),
    });
    expect(diff.fields.every((f) => !f.changed)).toBe(true);
  });

  it('stays fast on a long body rewritten from scratch', () => {
    const older = `<p>${'市政府召开工作会议，研究部署安全生产。'.repeat(500)}</p>`;
    const newer = `<p>${'全区推进乡村振兴，建设美丽家园2026年。'.repeat(500)}</p>`;
    const started = performance.now();
    const diff = diffRevisions({ ...base, bodyHtml: older }, { ...base, bodyHtml: newer });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(diff.fields.find((f) => f.field === 'body')!.changed).toBe(true);
  });
});
