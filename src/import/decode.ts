import iconv from 'iconv-lite';

export interface DecodedText {
  readonly text: string;
  /** The encoding used: utf-8, utf-16le, utf-16be, gb18030 or big5. */
  readonly encoding: string;
  /** Set when a declared charset was wrong and another one was used. */
  readonly warning: string | null;
}

/** Declared names mapped to what we decode with: GB18030 is a superset of GBK and GB2312. */
function canonical(name: string): string | null {
  const n = name
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (n === 'utf-8' || n === 'utf8') return 'utf-8';
  if (['gbk', 'gb2312', 'gb18030', 'gb_2312-80', 'x-gbk', 'cp936', 'euc-cn'].includes(n)) return 'gb18030';
  if (['big5', 'big5-hkscs', 'x-big5', 'cp950'].includes(n)) return 'big5';
  return null;
}

/** The charset a page declares in its first bytes (`<meta charset>`, `http-equiv` content type). */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return match?.[1] ?? null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Characters frequent in Chinese prose, simplified and traditional: real text has many, mojibake few. */
const COMMON = new Set(
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶思术极交受联认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报完类八离华名确才科张信马节话米整空元况今集传土许步群广记需段研界林律且究观越织装影算低持音众书布复容须际商非验连断深难近千周委素技备半办青省列习响约支般史感劳便团往历市克何除消构府称太准精值号率族维划选标写存候亲快效院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞這為個國來們對會發動過說產種後學經進當從業應開還關與間樣實現體點無時區戰將圍導濟傳書處從設計網頁' +
    '標題記者編輯來源發佈時間議會黨員區縣政務辦公廳',
);

function plausibility(text: string): number {
  let replacement = 0;
  let common = 0;
  let cjk = 0;
  for (const char of text) {
    if (char === '\ufffd') replacement += 1;
    else if (COMMON.has(char)) common += 1;
    if (/[\u4e00-\u9fff]/.test(char)) cjk += 1;
  }
  // Each replacement character is a decoding error; common characters are evidence of the right table.
  return common / Math.max(cjk, 1) - replacement * 0.05 - (replacement > 0 ? 1 : 0);
}

/**
 * Decodes a page's bytes to text. Order of evidence: byte order mark, then the charset the HTTP header or the
 * page declares, checked against the bytes: a declaration that produces invalid sequences or mojibake is
 * overruled by whichever of UTF-8, GB18030 and Big5 reads best.
 */
export function decodeBytes(bytes: Uint8Array, headerCharset?: string): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: Buffer.from(bytes.subarray(3)).toString('utf8'), encoding: 'utf-8', warning: null };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'),
      encoding: 'utf-16le',
      warning: null,
    };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'),
      encoding: 'utf-16be',
      warning: null,
    };
  }
  const declaredName = headerCharset ?? declaredCharset(bytes);
  const declared = declaredName === null ? null : canonical(declaredName);
  // Valid UTF-8 with non-ASCII bytes is almost never anything else by accident.
  const utf8 = tryUtf8(bytes);
  if (utf8 !== null) {
    const lying = declared !== null && declared !== 'utf-8' && /[\u0080-\uffff]/.test(utf8);
    return {
      text: utf8,
      encoding: 'utf-8',
      warning: lying ? `declared charset ${declaredName ?? ''} is wrong: the bytes are UTF-8` : null,
    };
  }
  const buffer = Buffer.from(bytes);
  const candidates = ['gb18030', 'big5'].map((encoding) => {
    const text = iconv.decode(buffer, encoding);
    return { encoding, text, score: plausibility(text) };
  });
  const preferred = candidates.find((c) => c.encoding === declared);
  const best = candidates.reduce((a, b) => (b.score > a.score ? b : a));
  const chosen = preferred && preferred.score >= best.score - 0.05 ? preferred : best;
  const warning =
    declared !== null && declared !== chosen.encoding
      ? `declared charset ${declaredName ?? ''} is wrong: the bytes read as ${chosen.encoding}`
      : null;
  return { text: chosen.text, encoding: chosen.encoding, warning };
}
