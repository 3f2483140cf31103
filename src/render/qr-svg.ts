import QRCode from 'qrcode';

/**
 * A QR code as an inline SVG element, drawn here from the modules the `qrcode` library computes: no image
 * file, no request to another service. One path of dark squares on a white square with the standard
 * four-module quiet zone, so that a phone reads it on any page colour.
 */
export function qrSvg(text: string, label: string, size = 160): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const quiet = 4;
  const side = count + quiet * 2;
  let dark = '';
  for (let y = 0; y < count; y++) {
    for (let x = 0; x < count; x++) {
      if (modules.get(y, x)) dark += `M${x + quiet} ${y + quiet}h1v1h-1z`;
    }
  }
  const escaped = label.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="${size}" height="${size}" ` +
    `role="img" aria-label="${escaped}" shape-rendering="crispEdges">` +
    `<path fill="#fff" d="M0 0h${side}v${side}H0z"/><path fill="#000" d="${dark}"/></svg>`
  );
}
