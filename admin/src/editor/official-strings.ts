/** The texts of the official-document tools (official-tools.tsx), in Chinese and English. */
const zh = {
  alignGroup: '段落对齐',
  alignLeft: '左对齐',
  alignCenter: '居中',
  alignRight: '右对齐（落款、日期）',
  indent: '首行缩进两字',
  caption: '图注',
  captionAdd: '为选中的图片添加图注',
  captionPrompt: '图注文字：',
  headerRow: '首行作表头',
  counts: '字数统计',
  words: (n: number) => `字数 ${n}`,
  characters: (n: number) => `字符数（不计空格） ${n}`,
  phonePreview: '手机预览（375 像素）',
  desktopPreview: '电脑预览',
  showCoverInBody: '在正文顶部显示封面图',
  showCoverInBodyHint: '封面图用于列表和首页图片位置；勾选后也印在文章正文顶部。',
};

const en: typeof zh = {
  alignGroup: 'Paragraph alignment',
  alignLeft: 'Align left',
  alignCenter: 'Centre',
  alignRight: 'Align right (signature, date)',
  indent: 'First-line indent of two characters',
  caption: 'Caption',
  captionAdd: 'Add a caption to the selected image',
  captionPrompt: 'Caption text:',
  headerRow: 'First row as header',
  counts: 'Word count',
  words: (n: number) => `Words ${n}`,
  characters: (n: number) => `Characters (no spaces) ${n}`,
  phonePreview: 'Phone preview (375 px)',
  desktopPreview: 'Desktop preview',
  showCoverInBody: 'Show the cover image at the top of the article',
  showCoverInBodyHint:
    'The cover is used in lists and the home page picture slot; tick to print it above the body too.',
};

export type OfficialStrings = typeof zh;

/** The page's language (`<html lang>`); Chinese unless it says English. */
export function officialStrings(language: string = document.documentElement.lang): OfficialStrings {
  return language.toLowerCase().startsWith('en') ? en : zh;
}
