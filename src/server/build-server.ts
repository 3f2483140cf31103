import { mkdirSync } from 'node:fs';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import type { AppDeps, ViewCounter } from '../app/index.js';
import type { Theme } from '../render/index.js';
import { registerAdminApi } from './admin-api.js';
import type { PageCache } from './page-cache.js';
import { publicRoutes, type ErrorPageRenderer } from './public-routes.js';

export interface ServerOptions {
  readonly deps: AppDeps;
  readonly theme: Theme;
  /** Directory of uploaded files, served at /media/. */
  readonly mediaDir: string;
  readonly logLevel: string;
  /** See `Config.trustProxy`: false, a hop count, or proxy addresses and CIDR ranges. Never "everyone". */
  readonly trustProxy: false | number | readonly string[];
  /** Rendered public pages; the caller invalidates it from the change feed. */
  readonly cache?: PageCache;
  readonly views?: ViewCounter;
}

/** Limits that keep a bad request from costing more than a page. */
const LIMITS = {
  bodyLimit: 1024 * 1024,
  maxHeaderSize: 16 * 1024,
  requestTimeout: 30_000,
  maxParamLength: 512,
} as const;

/**
 * What Fastify is told to trust. A hop count becomes a function trusting the nearest N hops: Fastify's own
 * number option trusts nobody, and `true` would take the left-most X-Forwarded-For address, which the
 * client chooses. With one nginx in front the client's address is then the one nginx appended.
 */
export function fastifyTrustProxy(
  trust: false | number | readonly string[],
): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return [...trust];
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  // Errors Fastify raises before routing (a malformed URL escape) get the theme's page too.
  const late: { renderError?: ErrorPageRenderer } = {};
  const app = Fastify({
    frameworkErrors: (error, request, rawReply) => {
      const reply = rawReply as unknown as FastifyReply;
      const status = error.statusCode ?? 400;
      if (late.renderError && status < 500) return void late.renderError(request, reply, 400, status);
      void reply.code(status).type('text/plain; charset=utf-8').send(String(status));
    },
    logger: options.logLevel === 'silent' ? false : { level: options.logLevel },
    trustProxy: fastifyTrustProxy(options.trustProxy),
    bodyLimit: LIMITS.bodyLimit,
    requestTimeout: LIMITS.requestTimeout,
    routerOptions: { maxParamLength: LIMITS.maxParamLength },
    http: { maxHeaderSize: LIMITS.maxHeaderSize },
    // One line per request only when debugging; errors are always logged.
    logController: new LogController({
      disableRequestLogging: options.logLevel !== 'debug' && options.logLevel !== 'trace',
    }),
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
    // Public pages are meant to be read and linked from anywhere.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
  });

  mkdirSync(options.mediaDir, { recursive: true });
  await app.register(fastifyStatic, {
    root: options.mediaDir,
    prefix: '/media/',
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    maxAge: '7d',
  });

  await app.register(async (scope) => registerAdminApi(scope, options.deps), { prefix: '/admin/api' });
  late.renderError = publicRoutes(app, {
    deps: options.deps,
    theme: options.theme,
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.views ? { views: options.views } : {}),
  });
  return app;
}
