import { DISCLOSURE_PATH, presentDisclosure } from '../render/index.js';
import type { PageSource } from './pages.js';

/**
 * /ysqgk/index.html: the request form (依申请公开) as a static file, posting to a Gazette server: the static
 * copy is the form's first step (a file cannot hold the fresh text question, and an upload should not be
 * typed twice), and the server's page takes the identity papers and the answer with what was typed kept.
 * The latest-reply-date calculator and the status look-up are the server's too. `server` is the Gazette
 * server's base URL; none: the forms post to the same host, whose web server passes `/ysqgk/` to Gazette.
 */
export async function disclosurePageFiles(
  source: PageSource,
  server: string | null,
): Promise<Map<string, string>> {
  const view = presentDisclosure(
    { ctx: source.index.ctx, theme: source.theme, now: source.now, path: DISCLOSURE_PATH },
    {
      guard: null,
      calculator: null,
      server: server ? new URL(server).origin : '',
      staticPage: true,
    },
  );
  return new Map([[`${DISCLOSURE_PATH}index.html`, await source.theme.render(view)]]);
}
