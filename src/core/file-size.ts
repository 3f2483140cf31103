/**
 * A file size as people read it, the same on the public pages and in the admin: 812 B, 12.3 KB, 3.4 MB
 * (binary units, one decimal).
 */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
