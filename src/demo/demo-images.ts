import QRCode from 'qrcode';
import sharp from 'sharp';

/**
 * Pictures for the demo portal, made at load time (nothing to ship, nothing fetched): cover images for the
 * 图片新闻 block (plain scenes, no text), QR codes of the new-media accounts and the two footer and
 * 互动交流 badges. Real sites upload their own in the media library.
 */

/** A landscape scene in the portal's colours: sky, hills, a river and the shapes of a town. */
function sceneSvg(hue: number, variant: number): string {
  const sky = `hsl(${hue} 60% 82%)`;
  const hill = `hsl(${(hue + 90) % 360} 35% 45%)`;
  const near = `hsl(${(hue + 100) % 360} 40% 32%)`;
  const river = `hsl(${(hue + 180) % 360} 55% 60%)`;
  const buildings = Array.from({ length: 7 }, (_, i) => {
    const w = 50 + ((i * 37 + variant * 13) % 40);
    const h = 80 + ((i * 53 + variant * 29) % 120);
    const x = 40 + i * 110;
    return `<rect x="${x}" y="${420 - h}" width="${w}" height="${h}" fill="hsl(${(hue + 20 * i) % 360} 15% ${70 - i * 4}%)"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="640" viewBox="0 0 960 640">
<rect width="960" height="640" fill="${sky}"/>
<circle cx="${760 - variant * 90}" cy="120" r="56" fill="hsl(45 95% 70%)"/>
<path d="M0 360 Q240 ${220 + variant * 20} 480 330 T960 300 V640 H0Z" fill="${hill}"/>
${buildings}
<path d="M0 420 H960 V640 H0Z" fill="${near}"/>
<path d="M0 520 C240 470 520 600 960 500 V580 C560 660 260 540 0 600Z" fill="${river}"/>
</svg>`;
}

export async function demoCover(index: number): Promise<Buffer> {
  const hues = [200, 150, 20, 260];
  return sharp(Buffer.from(sceneSvg(hues[index % hues.length]!, index)))
    .jpeg({ quality: 82 })
    .toBuffer();
}

export function demoQr(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 264 });
}

/** A badge of the given size: a red emblem with its words (the font is whatever CJK face the system has). */
export function demoBadge(kind: 'party' | 'error-report'): Promise<Buffer> {
  const svg =
    kind === 'party'
      ? `<svg xmlns="http://www.w3.org/2000/svg" width="92" height="112" viewBox="0 0 92 112">
<rect x="2" y="2" width="88" height="108" rx="8" fill="#c8161d"/>
<circle cx="46" cy="40" r="26" fill="none" stroke="#ffd84d" stroke-width="4"/>
<path d="M46 20 L52 36 L69 36 L55 46 L60 62 L46 52 L32 62 L37 46 L23 36 L40 36Z" fill="#ffd84d"/>
<text x="46" y="92" font-family="Noto Sans CJK SC, Source Han Sans SC, sans-serif" font-size="17" font-weight="700" fill="#fff" text-anchor="middle">党政机关</text>
</svg>`
      : `<svg xmlns="http://www.w3.org/2000/svg" width="220" height="100" viewBox="0 0 220 100">
<rect x="2" y="2" width="216" height="96" rx="10" fill="#fff" stroke="#c8161d" stroke-width="4"/>
<circle cx="50" cy="50" r="30" fill="#c8161d"/>
<path d="M38 50 L47 60 L64 40" fill="none" stroke="#fff" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/>
<text x="146" y="46" font-family="Noto Sans CJK SC, Source Han Sans SC, sans-serif" font-size="20" font-weight="700" fill="#c8161d" text-anchor="middle">我为政府</text>
<text x="146" y="74" font-family="Noto Sans CJK SC, Source Han Sans SC, sans-serif" font-size="20" font-weight="700" fill="#c8161d" text-anchor="middle">网站找错</text>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
