import { describe, expect, it } from 'vitest';
import { footerStart, isChromeLine, parseDateText, readChrome, readFieldLine } from './fields.js';
import { emptyFields } from './model.js';

describe('parseDateText', () => {
  it.each([
    ['2024-03-18', '2024-03-18T00:00:00+08:00'],
    ['2024年03月18日 10:12', '2024-03-18T10:12:00+08:00'],
    ['2024年3月8日10时05分', '2024-03-08T10:05:00+08:00'],
    ['2024/3/18', '2024-03-18T00:00:00+08:00'],
    ['发布时间：2024/3/18 9:05:33', '2024-03-18T09:05:33+08:00'],
    ['2024.03.18', '2024-03-18T00:00:00+08:00'],
  ])('reads %s as Shanghai time', (text, iso) => {
    expect(parseDateText(text)).toBe(iso);
  });

  it('refuses impossible dates', () => {
    expect(parseDateText('2024-02-30')).toBeNull();
    expect(parseDateText('no date here')).toBeNull();
  });
});

describe('readFieldLine', () => {
  it('reads several fields on one line', () => {
    const fields = emptyFields();
    expect(readFieldLine('来源：市融媒体中心　作者：张三 李四　时间：2024年05月06日 14:20', fields)).toBe(
      true,
    );
    expect(fields).toMatchObject({
      source: '市融媒体中心',
      author: '张三、李四',
      publishedAt: '2024-05-06T14:20:00+08:00',
    });
  });

  it('reads bracketed editor lines and unquotes a paper name', () => {
    const fields = emptyFields();
    readFieldLine('（责任编辑：王明）', fields);
    readFieldLine('信息来源: 《江城日报》', fields);
    expect(fields.editor).toBe('王明');
    expect(fields.source).toBe('江城日报');
  });

  it('leaves prose that mentions a label alone', () => {
    const fields = emptyFields();
    expect(
      readFieldLine(
        '据了解，这批物资的来源：一是省级调拨，二是社会捐赠，三是企业以成本价供应的应急储备物资。',
        fields,
      ),
    ).toBe(false);
    expect(readFieldLine('市委书记张三在会上讲话。', fields)).toBe(false);
    expect(fields.source).toBe('');
  });

  it('accepts a date before the first label', () => {
    const fields = emptyFields();
    expect(readFieldLine('2023-10-09 08:45 来源：东原区农业农村局', fields)).toBe(true);
    expect(fields.publishedAt).toBe('2023-10-09T08:45:00+08:00');
  });
});

describe('site chrome', () => {
  it('recognises navigation, print bars and record numbers', () => {
    for (const line of [
      '打印本页 关闭窗口',
      '【字体：大 中 小】',
      '当前位置：首页 > 新闻',
      '手机版',
      '京ICP备12345678号',
    ]) {
      expect(isChromeLine(line), line).toBe(true);
    }
    expect(isChromeLine('全市秋粮已收获八成以上。')).toBe(false);
  });

  it('starts the footer only where footer-only marks follow', () => {
    expect(footerStart(['正文。', '主办单位：市文旅局', '活动时间：5月1日', '欢迎参加。'])).toBe(-1);
    expect(footerStart(['正文。', '', '主办单位：某市人民政府办公室', '某ICP备00000001号'])).toBe(2);
  });

  it('reads the identity fields from footer lines', () => {
    expect(
      readChrome([
        '主办单位：某县人民政府办公室 网站标识码：1234567890',
        '湘ICP备05001234号-2 湘公网安备 43019902000123号',
      ]),
    ).toEqual({
      sponsor: '某县人民政府办公室',
      icpRecord: '湘ICP备05001234号-2',
      policeRecord: '湘公网安备43019902000123号',
      siteCode: '1234567890',
    });
  });
});

describe('reporter lines without colons', () => {
  it('reads 本报记者 and 通讯员 names as the author', () => {
    const fields = emptyFields();
    expect(readFieldLine('本报记者 张三 李四', fields)).toBe(true);
    expect(fields.author).toBe('张三、李四');
    const other = emptyFields();
    expect(readFieldLine('记者 王五 通讯员 赵六', other)).toBe(true);
    expect(other.author).toBe('王五、赵六');
  });

  it('leaves sentences that start with 记者 alone', () => {
    expect(readFieldLine('记者从会上获悉，全市今年将新建公园十座。', emptyFields())).toBe(false);
  });
});
