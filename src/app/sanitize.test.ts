import { describe, expect, it } from 'vitest';
import { escapeHtml, paragraphsToHtml, plainText, sanitizeBody } from './sanitize.js';

describe('sanitizeBody', () => {
  it('keeps ordinary article markup', () => {
    const html =
      '<p>第一段<strong>重点</strong><em>强调</em></p><ul><li>一</li></ul><blockquote>引</blockquote><hr />';
    expect(sanitizeBody(html)).toBe(html);
  });

  it('removes scripts with their content', () => {
    const out = sanitizeBody('<p>前<script>alert(1)</script>后</p><script src="https://x/a.js"></script>');
    expect(out).toBe('<p>前后</p>');
  });

  it('removes style elements with their content', () => {
    expect(sanitizeBody('<style>p { color: red }</style><p>正文</p>')).toBe('<p>正文</p>');
  });

  it('removes iframes, objects and embeds', () => {
    const out = sanitizeBody(
      '<p>视频</p><iframe src="https://evil.example/"></iframe><object data="x.swf"></object><embed src="x.swf">',
    );
    expect(out).toBe('<p>视频</p>');
  });

  it('removes event handler attributes', () => {
    const out = sanitizeBody(
      '<p onclick="steal()" onmouseover="x()">正文</p><img src="https://a.gov.cn/1.png" alt="图" onerror="x()">',
    );
    expect(out).not.toMatch(/\bon\w+=/i);
    expect(out).toContain('<p>正文</p>');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java&#x09;script:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
  ])('drops the link target %j but keeps the link text', (href) => {
    const out = sanitizeBody(`<a href="${href}">点击</a>`);
    expect(out).not.toContain('href');
    expect(out).toContain('点击');
  });

  it('removes style and class attributes', () => {
    expect(sanitizeBody('<p style="color:red;font-size:30px" class="MsoNormal" id="x">正文</p>')).toBe(
      '<p>正文</p>',
    );
  });

  it('removes font tags and keeps their text', () => {
    expect(sanitizeBody('<p><font color="red" face="宋体">红头文件</font></p>')).toBe('<p>红头文件</p>');
  });

  it('removes span and div wrappers and keeps their text', () => {
    expect(sanitizeBody('<div><p><span style="x">正文</span></p></div>')).toBe('<p>正文</p>');
  });

  it('turns h1 into h2, leaving the page title the only h1', () => {
    expect(sanitizeBody('<h1 class="t">一、总体要求</h1><h2>（一）</h2>')).toBe(
      '<h2>一、总体要求</h2><h2>（一）</h2>',
    );
  });

  it('turns b and i into strong and em', () => {
    expect(sanitizeBody('<p><b>粗</b><i>斜</i></p>')).toBe('<p><strong>粗</strong><em>斜</em></p>');
  });

  it('keeps tables with header scope and spans', () => {
    const html =
      '<table><caption>预算表</caption><thead><tr><th scope="col" colspan="2">项目</th></tr></thead>' +
      '<tbody><tr><th scope="row" rowspan="2">一</th><td colspan="1">100</td></tr></tbody></table>';
    expect(sanitizeBody(html)).toBe(html);
  });

  it('drops style and width attributes from table cells', () => {
    expect(
      sanitizeBody('<table><tr><td style="width:50%" width="50%" bgcolor="red">1</td></tr></table>'),
    ).toBe('<table><tr><td>1</td></tr></table>');
  });

  it('keeps an https image with its alt text', () => {
    expect(
      sanitizeBody(
        '<img src="https://www.example.gov.cn/media/1.png" alt="会议现场" width="600" height="400">',
      ),
    ).toBe('<img src="https://www.example.gov.cn/media/1.png" alt="会议现场" width="600" height="400" />');
  });

  it('keeps an image stored on the site itself', () => {
    expect(sanitizeBody('<img src="/media/2024/03/1.png" alt="图">')).toBe(
      '<img src="/media/2024/03/1.png" alt="图" />',
    );
  });

  it.each(['data:image/png;base64,iVBORw0KGgo=', 'javascript:alert(1)', '//evil.example/1.png'])(
    'drops an image whose source %j is not allowed, rather than leave a broken image',
    (src) => {
      const out = sanitizeBody(`<p>前<img src="${src}" alt="图">后</p>`);
      expect(out).not.toContain('<img');
      expect(out).toBe('<p>前后</p>');
    },
  );

  it.each([
    'http://www.example.gov.cn/zwgk/',
    'https://www.example.gov.cn/zwgk/',
    'mailto:zwgk@example.gov.cn',
    'tel:010-12345678',
    '/zwgk/tzgg/',
  ])('keeps a link to %s', (href) => {
    expect(sanitizeBody(`<a href="${href}" title="标题">链接</a>`)).toBe(
      `<a href="${href}" title="标题">链接</a>`,
    );
  });

  it('drops a link target with another scheme', () => {
    expect(sanitizeBody('<a href="ftp://x.example/a.doc">下载</a>')).toBe('<a>下载</a>');
  });

  it('drops target and rel attributes from links', () => {
    expect(sanitizeBody('<a href="https://a.gov.cn/" target="_blank" rel="opener">外链</a>')).toBe(
      '<a href="https://a.gov.cn/">外链</a>',
    );
  });

  it('drops empty paragraphs, including ones holding only spaces or a line break', () => {
    expect(sanitizeBody('<p></p><p>   </p><p>&nbsp;</p><p><br></p><p>正文</p><p>\u3000</p>')).toBe(
      '<p>正文</p>',
    );
  });

  it('keeps a paragraph holding only an image', () => {
    expect(sanitizeBody('<p><img src="https://a.gov.cn/1.png" alt="图"></p>')).toBe(
      '<p><img src="https://a.gov.cn/1.png" alt="图" /></p>',
    );
  });

  it('escapes text that looks like markup', () => {
    expect(sanitizeBody('<p>1 &lt; 2 &amp; 3 &gt; 2</p>')).toBe('<p>1 &lt; 2 &amp; 3 &gt; 2</p>');
  });

  it('trims the result', () => {
    expect(sanitizeBody('  \n<p>正文</p>\n  ')).toBe('<p>正文</p>');
  });
});

describe('plainText', () => {
  it('strips tags and keeps their text', () => {
    expect(plainText('<b>关于</b>开展<a href="/x">检查</a>的通知')).toBe('关于开展检查的通知');
  });

  it('drops the content of scripts and styles', () => {
    expect(plainText('<script>alert(1)</script>通知<style>p{}</style>')).toBe('通知');
  });

  it('decodes entities once', () => {
    expect(plainText('A &amp; B &lt;C&gt; &quot;D&quot; &#39;E&#39;')).toBe(`A & B <C> "D" 'E'`);
  });

  it('does not decode twice: &amp;lt; becomes &lt; literally', () => {
    expect(plainText('&amp;lt;')).toBe('&lt;');
    expect(plainText('&amp;amp;')).toBe('&amp;');
    expect(plainText('&amp;quot;x&amp;quot;')).toBe('&quot;x&quot;');
  });

  it('keeps escaped markup as text rather than stripping it', () => {
    expect(plainText('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('<script>alert(1)</script>');
  });

  it('keeps a bare ampersand and less-than sign', () => {
    expect(plainText('R&D a < b')).toBe('R&D a < b');
  });

  it('collapses whitespace, non-breaking spaces included, and trims', () => {
    expect(plainText('  关于\n\t开展&nbsp;&nbsp;检查  ')).toBe('关于 开展 检查');
  });

  it('returns an empty string for nothing but markup and spaces', () => {
    expect(plainText(' <p> </p> ')).toBe('');
  });
});

describe('escapeHtml', () => {
  it('escapes & < > " and \'', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&#38;&#60;&#62;&#34;&#39;');
  });

  it('leaves other text alone', () => {
    expect(escapeHtml('关于开展 2024 年检查的通知')).toBe('关于开展 2024 年检查的通知');
  });

  it('escapes an ampersand of an entity again', () => {
    expect(escapeHtml('&lt;')).toBe('&#38;lt;');
  });
});

describe('sanitizeBody: official-document paragraph styles', () => {
  it('keeps alignment and first-line indent classes on paragraphs and headings', () => {
    const html =
      '<h2 class="align-center">关于做好供暖保障工作的通知</h2><p class="indent-2">正文。</p>' +
      '<p class="align-right">青川市人民政府办公室</p><p class="align-right">2026年12月7日</p>' +
      '<p class="align-center indent-2">居中</p><h3 class="align-right">小标题</h3>';
    expect(sanitizeBody(html)).toBe(html);
  });

  it('keeps an image caption as figure, img and figcaption', () => {
    const html =
      '<figure><img src="/media/1/a.png" alt="会议现场" /><figcaption>图为会议现场</figcaption></figure>';
    expect(sanitizeBody(html)).toBe(html);
  });

  it('keeps a table header row of th cells', () => {
    const html =
      '<table><tbody><tr><th scope="col">区县</th><th>面积</th></tr><tr><td>青川区</td><td>1280</td></tr></tbody></table>';
    expect(sanitizeBody(html)).toBe(html);
  });

  it('drops every other class, and the allowed ones where they do not belong', () => {
    expect(sanitizeBody('<p class="align-right evil MsoNormal">落款</p>')).toBe(
      '<p class="align-right">落款</p>',
    );
    expect(sanitizeBody('<p class="align-justify indent-4">正文</p>')).toBe('<p>正文</p>');
    expect(sanitizeBody('<h2 class="indent-2">标题</h2>')).toBe('<h2>标题</h2>');
    expect(sanitizeBody('<td class="align-right">1</td>')).not.toContain('class');
    expect(sanitizeBody('<figure class="align-right"><img src="/media/a.png" alt="" /></figure>')).toBe(
      '<figure><img src="/media/a.png" alt="" /></figure>',
    );
    expect(sanitizeBody('<a href="https://a.gov.cn/" class="align-right">链接</a>')).toBe(
      '<a href="https://a.gov.cn/">链接</a>',
    );
  });

  it('drops inline styles and presentational attributes that mean the same as the classes', () => {
    expect(sanitizeBody('<p style="text-align:right;text-indent:2em" align="right">落款</p>')).toBe(
      '<p>落款</p>',
    );
    expect(sanitizeBody('<p class="align-right" style="background:url(javascript:alert(1))">落款</p>')).toBe(
      '<p class="align-right">落款</p>',
    );
    expect(sanitizeBody('<figcaption onclick="x()" class="indent-2">图注</figcaption>')).toBe(
      '<figcaption>图注</figcaption>',
    );
    expect(sanitizeBody('<th onmouseover="x()" style="color:red" scope="col">表头</th>')).not.toMatch(
      /onmouseover|style/,
    );
  });

  it('does not let a class smuggle markup', () => {
    const out = sanitizeBody('<p class="align-right&quot; onclick=&quot;x()">落款</p>');
    expect(out).not.toMatch(/onclick/);
    expect(out).toBe('<p>落款</p>');
  });
});

describe('paragraphsToHtml', () => {
  it('wraps each non-empty paragraph, escaped, in p', () => {
    expect(paragraphsToHtml([' 第一段 ', '', '  ', 'a < b'])).toBe('<p>第一段</p>\n<p>a &#60; b</p>');
  });

  it('returns an empty string for no paragraphs', () => {
    expect(paragraphsToHtml([])).toBe('');
  });
});
