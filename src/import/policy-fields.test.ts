import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePage } from './parse-page.js';
import { readPolicyFields } from './policy-fields.js';

interface Expected {
  readonly pages: readonly {
    readonly file: string;
    readonly heldOut: boolean;
    readonly expected: Record<string, unknown>;
  }[];
}

const dir = new URL('../../test/fixtures/policy-pages/', import.meta.url);
const { pages } = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Expected;

describe('policy-document metadata of real pages', () => {
  it.each(pages.map((p) => [p.file, p] as const))('%s', (file, page) => {
    const parsed = parsePage(file, readFileSync(new URL(file, dir)));
    expect(parsed.items[0]?.kind).toBe('policy');
    expect(parsed.items[0]?.policy).toEqual(page.expected);
  });
});

describe('layouts of the metadata table', () => {
  it('reads a gov.cn-style table with spaced labels and the value in the next cell', () => {
    const html = `<table><tr><td>索&nbsp;&nbsp;引&nbsp;&nbsp;号：</td><td>000014349/2025-00042</td>
      <td>主题分类：</td><td>综合政务\\其他</td></tr>
      <tr><td>发文机关：</td><td>国务院办公厅</td><td>成文日期：</td><td>2025年03月01日</td></tr>
      <tr><td>标\u3000\u3000题：</td><td>国务院办公厅关于某事项的通知</td></tr>
      <tr><td>发文字号：</td><td>国办发〔2025〕7号</td><td>发布日期：</td><td>2025年03月05日</td></tr></table>`;
    expect(readPolicyFields(html)).toEqual({
      indexNumber: '000014349/2025-00042',
      documentNumber: '国办发〔2025〕7号',
      issuers: ['国务院办公厅'],
      writtenAt: '2025-03-01',
      publishedAt: '2025-03-05',
      themes: ['综合政务/其他'],
      validity: null,
    });
  });

  it('keeps a wrong bracket as written and reads 有效性 and joint issuers', () => {
    expect(
      readPolicyFields(
        '<ul><li>索 引 号：QC-2024-0001</li><li>发文字号：青政发[2024]3号</li><li>发布机构：青川市财政局、青川市税务局</li><li>有 效 性：已废止</li></ul>',
      ),
    ).toMatchObject({
      documentNumber: '青政发[2024]3号',
      issuers: ['青川市财政局', '青川市税务局'],
      validity: 'repealed',
    });
  });

  it('finds nothing in an ordinary news page', () => {
    expect(readPolicyFields('<p>来源：青川日报</p><p>发布时间：2025-03-01</p><p>正文。</p>')).toBeNull();
  });
});
