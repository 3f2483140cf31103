import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { GazetteError } from '../core/index.js';
import {
  CONTRAST_COOKIE,
  ELDER_COOKIE,
  FONT_SIZE_COOKIE,
  PREFERENCES_PATH,
  sameSitePath,
} from '../render/index.js';

/** A reader's display choice is kept for a year; choosing the default again removes the cookie. */
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

const flag = z.enum(['0', '1']);

const preferenceQuery = z
  .object({
    elder: flag.optional(),
    contrast: flag.optional(),
    fs: z.enum(['s', 'm', 'l']).optional(),
    back: z.string().max(2048).optional(),
  })
  .strict();

function cookie(request: FastifyRequest, name: string, value: string | null): string {
  const parts = [
    value === null ? `${name}=` : `${name}=${value}`,
    'Path=/',
    value === null ? 'Max-Age=0' : `Max-Age=${ONE_YEAR_SECONDS}`,
    'SameSite=Lax',
    'HttpOnly',
  ];
  if (request.protocol === 'https') parts.push('Secure');
  return parts.join('; ');
}

/**
 * `/_prefs?elder=1&back=/path`: the header's 长者模式, 高对比度 and 字号 links. Sets the reader's display
 * cookies (see `RENDER_PREFERENCE_COOKIES`) and sends them back to the page they came from, so every
 * mode works without JavaScript and is undone by the same link. `back` must be a path on this site.
 */
export function preferenceRoutes(app: FastifyInstance): void {
  app.get(PREFERENCES_PATH, async (request: FastifyRequest, reply: FastifyReply) => {
    const parsed = preferenceQuery.safeParse(request.query);
    if (!parsed.success) throw new GazetteError('GZ_INVALID_INPUT', 'unknown display preference');
    const { elder, contrast, fs, back } = parsed.data;
    const target = sameSitePath(back ?? '/');
    if (target === null) throw new GazetteError('GZ_INVALID_INPUT', 'back must be a path on this site');
    const cookies: string[] = [];
    if (elder !== undefined) cookies.push(cookie(request, ELDER_COOKIE, elder === '1' ? '1' : null));
    if (contrast !== undefined) cookies.push(cookie(request, CONTRAST_COOKIE, contrast === '1' ? '1' : null));
    if (fs !== undefined) cookies.push(cookie(request, FONT_SIZE_COOKIE, fs === 'm' ? null : fs));
    return reply
      .header('set-cookie', cookies)
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex, nofollow')
      .redirect(target, 303);
  });
}
