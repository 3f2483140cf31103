/**
 * A Content-Disposition header that keeps a Chinese file name (RFC 6266 with RFC 5987 `filename*`): old
 * clients read the ASCII `filename`, every current browser the UTF-8 one.
 */
export function contentDisposition(name: string, type: 'inline' | 'attachment'): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
