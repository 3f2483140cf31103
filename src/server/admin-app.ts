import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `vite build` puts the admin: dist/admin at the project root (this file is src/server or dist/server). */
export const DEFAULT_ADMIN_DIR = fileURLToPath(new URL('../../dist/admin/', import.meta.url));

/**
 * The admin's own policy. Scripts and styles come only from the server ('self', no inline script); style
 * attributes are allowed because the editor sets table column widths and image sizes on elements; images may
 * come from any https origin as in articles; the preview frame is same-origin; nobody may frame the admin.
 */
export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>管理后台尚未构建 · The admin is not built</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.7; padding: 0 1rem">
<h1>管理后台尚未构建</h1>
<p>服务器找不到管理后台的网页文件（dist/admin）。请在 Gazette 的目录中运行 <code>npm run build</code>
（<code>npm install</code> 与 <code>npm start</code> 会自动完成），然后刷新本页。管理接口 <code>/admin/api</code> 不受影响。</p>
<h2 lang="en">The admin is not built</h2>
<p lang="en">The server cannot find the admin's files (dist/admin). Run <code>npm run build</code> in the Gazette
directory (<code>npm install</code> and <code>npm start</code> do it for you), then reload this page. The admin
API at <code>/admin/api</code> works regardless.</p>
</body></html>`;

/**
 * Serves the admin single-page app at /admin: hashed files under /admin/assets/ cached for a year,
 * index.html never cached, and index.html for every other /admin/* path so that the app's own addresses
 * (/admin/articles/12) load directly. /admin/api stays the API: unknown API paths get its 404.
 */
export async function registerAdminApp(app: FastifyInstance, dir: string = DEFAULT_ADMIN_DIR): Promise<void> {
  const index = join(dir, 'index.html');
  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/admin/assets/',
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    immutable: true,
    maxAge: '365d',
  });

  const page = async (reply: FastifyReply) => {
    void reply.header('content-security-policy', ADMIN_CSP).header('x-robots-tag', 'noindex, nofollow');
    let html: string;
    try {
      html = await readFile(index, 'utf8');
    } catch {
      return reply
        .code(503)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(NOT_BUILT);
    }
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  };

  app.get('/admin', (_request, reply) => page(reply));
  app.get('/admin/*', (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // An unknown API path or a missing asset is a 404, never the app's page.
    if (path.startsWith('/admin/api/') || path.startsWith('/admin/assets/')) return reply.callNotFound();
    return page(reply);
  });
}
