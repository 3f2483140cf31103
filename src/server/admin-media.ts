import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { fastifyCookie } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  deleteMedia,
  getMedia,
  listMedia,
  mediaUsage,
  replaceMedia,
  mediaVisibility,
  resolveMediaFile,
  resolveSession,
  uploadMedia,
  type AppDeps,
  type IncomingFile,
} from '../app/index.js';
import { GazetteError, type Principal } from '../core/index.js';
import { contentDisposition } from '../media/index.js';
import { requireUser, SESSION_COOKIE } from './admin-auth.js';
import { defineRoute } from './admin-route.js';
import { parseInput } from './parse-input.js';
import { id } from './schemas.js';

const tag = 'media';
const idParams = z.object({ id }).strict();

/** The media library: list, look at, see where a file is used, delete an unused one. Uploads are below. */
export const mediaRoutes = [
  defineRoute({
    method: 'GET',
    url: '/media',
    tag,
    summary: 'The media library of a site, newest first; `q` searches the file names (article writers)',
    query: z
      .object({
        siteId: id,
        q: z.string().max(100).optional(),
        kind: z.enum(['image', 'document']).optional(),
        page: z.coerce.number().int().min(1).max(10_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(30),
      })
      .strict(),
    handler: ({ deps, principal, query }) =>
      listMedia(deps, principal, {
        siteId: query.siteId,
        page: query.page,
        pageSize: query.pageSize,
        ...(query.q?.trim() ? { name: query.q.trim() } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
      }),
  }),
  defineRoute({
    method: 'GET',
    url: '/media/:id',
    tag,
    summary: 'One library item with its link and responsive variants',
    params: idParams,
    handler: ({ deps, principal, params }) => getMedia(deps, principal, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/media/:id/usage',
    tag,
    summary: 'Articles (any status) that link or embed the file, or did in an earlier revision',
    params: idParams,
    handler: async ({ deps, principal, params }) => ({ items: await mediaUsage(deps, principal, params.id) }),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/media/:id',
    tag,
    summary: 'Delete a file no article uses (GZ_MEDIA_IN_USE otherwise); its uploader or an editor',
    params: idParams,
    handler: async ({ deps, principal, params }) => {
      await deleteMedia(deps, principal, params.id);
      return { ok: true };
    },
  }),
];

const uploadFields = z
  .object({
    alt: z.string().max(500).optional(),
    siteId: z.coerce.number().int().positive().optional(),
  })
  .strict();

interface ReceivedUpload {
  readonly file: IncomingFile;
  readonly fields: Record<string, string>;
}

/**
 * Streams a multipart request's `file` part to a temporary file in the media store (never into memory)
 * and collects its text fields. The caller removes the temporary file, whatever happens.
 */
async function receive(request: FastifyRequest, tempPath: string, maxBytes: number): Promise<ReceivedUpload> {
  if (!request.isMultipart()) {
    throw new GazetteError('GZ_INVALID_INPUT', 'send the file as multipart/form-data in the field "file"', {
      field: 'file',
    });
  }
  const fields: Record<string, string> = {};
  let filename: string | undefined;
  try {
    for await (const part of request.parts({
      limits: { fileSize: maxBytes, files: 1, fields: 8, fieldSize: 4096 },
    })) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw new GazetteError('GZ_INVALID_INPUT', `unexpected file field "${part.fieldname}"`, {
          field: 'file',
        });
      }
      filename = part.filename;
      await pipeline(part.file, createWriteStream(tempPath));
    }
  } catch (error) {
    if (error instanceof GazetteError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new GazetteError(
        'GZ_MEDIA_TOO_LARGE',
        `files are at most ${Math.round(maxBytes / 1024 / 1024)} MB`,
        {
          field: 'file',
        },
      );
    }
    if (code?.startsWith('FST_')) {
      throw new GazetteError('GZ_INVALID_INPUT', (error as Error).message, { field: 'file' });
    }
    // Writing the temporary file failed (a full disk, say): the server's problem, not the upload's.
    if ((error as { syscall?: unknown }).syscall !== undefined) throw error;
    // The multipart parser's own errors: the body ended inside a part, or a part is malformed.
    throw new GazetteError(
      'GZ_MEDIA_UPLOAD_INCOMPLETE',
      (error as Error).message,
      { field: 'file' },
      { cause: error },
    );
  }
  if (filename === undefined) {
    throw new GazetteError('GZ_INVALID_INPUT', 'no file in the field "file"', { field: 'file' });
  }
  return { file: { tempPath, filename }, fields };
}

/** Runs `work` on an upload received into a temporary file, and removes that file afterwards. */
async function withUpload<T>(
  deps: AppDeps,
  request: FastifyRequest,
  work: (upload: ReceivedUpload) => Promise<T>,
): Promise<T> {
  if (!deps.media) throw new GazetteError('GZ_MEDIA_UNAVAILABLE');
  const { files, limits } = deps.media;
  const tempPath = files.incomingPath();
  try {
    return await work(await receive(request, tempPath, Math.max(limits.imageBytes, limits.documentBytes)));
  } finally {
    await rm(tempPath, { force: true });
  }
}

/**
 * POST /media (upload) and POST /media/:id/replace, as multipart/form-data: `file`, and for uploads the
 * optional `alt` and `siteId` fields. Registered in its own scope, so only these routes accept multipart;
 * the admin scope's session and CSRF checks apply as to every other route.
 */
export async function registerMediaUploads(scope: FastifyInstance, deps: AppDeps): Promise<void> {
  await scope.register(async (child) => {
    await child.register(multipart, { preservePath: true, limits: { parts: 10 } });
    child.post('/media', async (request, reply) => {
      const principal: Principal = requireUser(request);
      const result = await withUpload(deps, request, async ({ file, fields }) => {
        const input = parseInput(uploadFields, fields);
        return uploadMedia(deps, principal, file, {
          ...(input.alt !== undefined ? { alt: input.alt } : {}),
          ...(input.siteId !== undefined ? { siteId: input.siteId } : {}),
        });
      });
      return reply.code(result.deduplicated ? 200 : 201).send(result);
    });
    child.post('/media/:id/replace', async (request, reply) => {
      const principal: Principal = requireUser(request);
      const params = parseInput(idParams, request.params);
      const result = await withUpload(deps, request, async ({ file, fields }) => {
        parseInput(z.object({}).strict(), fields);
        return replaceMedia(deps, principal, params.id, file);
      });
      return reply.send(result);
    });
  });
}

/**
 * How long a reader's browser (or a proxy) keeps a public file before asking again: a replacement, and a
 * withdrawal that makes a file non-public, show within minutes. Never long-lived or immutable for that reason.
 */
const FILE_MAX_AGE_SECONDS = 300;
export const PUBLIC_MEDIA_CACHE = `public, max-age=${FILE_MAX_AGE_SECONDS}`;
/** A file not public yet, shown to a signed-in editor: never stored by a shared cache. */
export const EDITOR_MEDIA_CACHE = 'private, no-store';

/** Whether the request carries a live, fully signed-in admin session (its cookie is sent to /media too). */
async function signedInEditor(deps: AppDeps, request: FastifyRequest): Promise<boolean> {
  const header = request.headers.cookie;
  if (!header) return false;
  const token = fastifyCookie.parse(header)[SESSION_COOKIE];
  if (!token) return false;
  try {
    const context = await resolveSession(deps, token, {
      ip: request.ip,
      userAgent: String(request.headers['user-agent'] ?? ''),
    });
    return context.principal !== null;
  } catch (error) {
    if (error instanceof GazetteError) return false;
    throw error;
  }
}

/** Not there, or not for this reader: the same answer, never cached (the file may become public later). */
const notFound = (reply: FastifyReply) =>
  reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('404 Not Found');

/**
 * The stored files under /media/ (bytes under their hash, and any other file there), served only as far as
 * `mediaAccess` allows: the same rule as for library links.
 */
export async function registerStoredMedia(app: FastifyInstance, deps: AppDeps, root: string): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const path = (request.params as { '*'?: string })['*'] ?? '';
      const access = await mediaAccess(deps, request, path);
      if (access === null) return notFound(reply);
      void reply.header('cache-control', access === 'public' ? PUBLIC_MEDIA_CACHE : EDITOR_MEDIA_CACHE);
    });
    await scope.register(fastifyStatic, {
      root,
      prefix: '/media/',
      decorateReply: false,
      index: false,
      list: false,
      dotfiles: 'deny',
      cacheControl: false,
    });
  });
}

/**
 * Who may have a path under /media/ (without the prefix): 'public' for anyone, 'editor' for the signed-in
 * editor asking (not cacheable), or null: answer 404 as for a file that does not exist. A file of a private
 * purpose is never served here, whoever asks.
 */
export async function mediaAccess(
  deps: AppDeps,
  request: FastifyRequest,
  path: string,
): Promise<'public' | 'editor' | null> {
  const visibility = await mediaVisibility(deps, path);
  if (visibility === 'public') return 'public';
  if (visibility === 'editors' && (await signedInEditor(deps, request))) return 'editor';
  return null;
}

/**
 * GET /media/f/{key}… — the public link of a library item, resolved to the current version's stored bytes
 * and sent with the editor's file name (RFC 5987, Chinese kept). Other /media/ paths stay plain static files.
 */
export async function registerMediaFiles(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const media = deps.media;
  if (!media) return;
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, { root: media.files.root, serve: false, decorateReply: true });
    scope.get('/media/f/:file', async (request, reply) => {
      const { file } = request.params as { file: string };
      const access = await mediaAccess(deps, request, `f/${file}`);
      const resolved = access === null ? null : await resolveMediaFile(deps, file);
      if (!resolved) return notFound(reply);
      return reply
        .header(
          'content-disposition',
          contentDisposition(resolved.filename, resolved.inline ? 'inline' : 'attachment'),
        )
        .header('cache-control', access === 'public' ? PUBLIC_MEDIA_CACHE : EDITOR_MEDIA_CACHE)
        .type(resolved.mime)
        .sendFile(resolved.blob, { cacheControl: false });
    });
  });
}
