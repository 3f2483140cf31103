import { mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import {
  uncachedSiteContexts,
  type AppDeps,
  type SiteContexts,
  type SiteReader,
  type ViewCounter,
  type VisitCounter,
} from '../app/index.js';
import type { Theme } from '../render/index.js';
import { registerAdminApi } from './admin-api.js';
import { registerAdminApp } from './admin-app.js';
import { separateAdminHost } from './admin-host.js';
import { registerMediaFiles, registerStoredMedia } from './admin-media.js';
import {
  createWorkLimiter,
  monitorLoad,
  NEVER_OVERLOADED,
  shedAdminWrites,
  type LoadSheddingOptions,
  type WorkLimits,
} from './load-shedding.js';
import type { PageCache } from './page-cache.js';
import { registerJsonParser } from './parse-input.js';
import { preferenceRoutes } from './preference-routes.js';
import { registerChallengeRoute } from './public-forms.js';
import { registerInteractRoutes } from './interact-routes.js';
import { registerCatalogueRoutes } from './catalogue-routes.js';
import { registerSearchRoutes } from './search-routes.js';
import { registerDisclosureRoutes } from './disclosure-routes.js';
import { DEFAULT_RENDER_LIMITS, publicRoutes, type ErrorPageRenderer } from './public-routes.js';

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
  /** Visit statistics of the public pages and searches. */
  readonly visits?: VisitCounter;
  /** The site and column tree per host, kept between requests; the caller invalidates it from the change feed. */
  readonly siteContexts?: SiteContexts;
  /** The reads public pages come from; `deps`' own by default. */
  readonly reader?: SiteReader;
  /** Public pages rendered at once and queued before readers get 503 (default `DEFAULT_RENDER_LIMITS`). */
  readonly renderLimits?: WorkLimits;
  /** Searches run at once and queued before readers get 503; none: unbounded. */
  readonly searchLimits?: WorkLimits;
  /**
   * Refuse searches, uncached renders and admin writes while the event loop lags (cached pages are
   * still served); none: never.
   */
  readonly loadShedding?: LoadSheddingOptions;
  /** The admin answers only on this host, which serves nothing else (`GAZETTE_ADMIN_HOST`); none: every host. */
  readonly adminHost?: string | null;
}

/** Limits that keep a bad request from costing more than a page. */
const LIMITS = {
  bodyLimit: 1024 * 1024,
  maxHeaderSize: 16 * 1024,
  requestTimeout: 30_000,
  maxParamLength: 512,
  // Longer than a reverse proxy's idle upstream keep-alive (nginx: 60 s), so the proxy always closes first
  // and never sends a request on a socket this side is closing.
  keepAliveTimeout: 65_000,
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
    keepAliveTimeout: LIMITS.keepAliveTimeout,
    routerOptions: { maxParamLength: LIMITS.maxParamLength },
    http: { maxHeaderSize: LIMITS.maxHeaderSize },
    // One line per request only when debugging; errors are always logged.
    logController: new LogController({
      disableRequestLogging: options.logLevel !== 'debug' && options.logLevel !== 'trace',
    }),
  });

  registerJsonParser(app);

  // The same security headers on every answer, worked out by helmet once (they depend on no request);
  // HSTS only on answers over https (as the trusted proxy says), where a browser takes it into account.
  const { 'strict-transport-security': hsts, ...security } = securityHeaders(SECURITY_HEADERS);
  app.addHook('onRequest', (request, reply, done) => {
    void reply.headers(security);
    if (hsts !== undefined && request.protocol === 'https')
      void reply.header('strict-transport-security', hsts);
    done();
  });

  mkdirSync(options.mediaDir, { recursive: true });
  // Files are public only once something public uses them (signed-in editors see the rest).
  await registerStoredMedia(app, options.deps, options.mediaDir);

  if (options.adminHost) {
    separateAdminHost(app, options.adminHost, (request, reply) =>
      late.renderError ? late.renderError(request, reply, 404) : reply.code(404).send('404'),
    );
  }
  const load = options.loadShedding ? monitorLoad(options.loadShedding) : NEVER_OVERLOADED;
  shedAdminWrites(app, load);

  // Library links (/media/f/…) resolve to the current version of a file; the rest of /media/ is static.
  await registerMediaFiles(app, options.deps);
  await app.register(async (scope) => registerAdminApi(scope, options.deps, options.theme), {
    prefix: '/admin/api',
  });
  // The web admin (React app built by Vite into dist/admin) at /admin; /admin/api stays the API.
  await registerAdminApp(app);
  const siteContexts = options.siteContexts ?? uncachedSiteContexts(options.deps);
  late.renderError = publicRoutes(app, {
    deps: options.deps,
    theme: options.theme,
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.views ? { views: options.views } : {}),
    ...(options.visits ? { visits: options.visits } : {}),
    siteContexts,
    ...(options.reader ? { reader: options.reader } : {}),
    limiter: createWorkLimiter(options.renderLimits ?? DEFAULT_RENDER_LIMITS),
    load,
  });
  // After publicRoutes, whose error handler renders its 400 page.
  preferenceRoutes(app);
  // Search after the public routes too: its own scope (and rate limit) falls back on their error pages.
  await app.register(async (scope) =>
    registerSearchRoutes(scope, {
      deps: options.deps,
      theme: options.theme,
      siteContexts,
      ...(options.visits ? { visits: options.visits } : {}),
      ...(options.searchLimits ? { limiter: createWorkLimiter(options.searchLimits) } : {}),
      load,
    }),
  );
  // Requests for disclosure: the form, its receipt, the status look-up (own scope: its body parsers).
  await app.register(async (scope) =>
    registerDisclosureRoutes(scope, { deps: options.deps, theme: options.theme, siteContexts }),
  );
  // Challenges of the public forms (a text question, and a proof of work for the page's script).
  await app.register((scope, _options, done) => {
    registerChallengeRoute(scope, options.deps.antiAbuse);
    done();
  });
  // 互动交流: the letter form, the status page and 留言选登 (its own scope: its form parser).
  await app.register((scope, _options, done) => {
    registerInteractRoutes(scope, { deps: options.deps, theme: options.theme, siteContexts });
    done();
  });
  await app.register((scope, _opts, done) => {
    registerCatalogueRoutes(scope, { deps: options.deps, theme: options.theme, siteContexts, load });
    done();
  });
  return app;
}

const SECURITY_HEADERS: HelmetOptions = {
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
};

/**
 * The headers helmet sets with these options, collected once from a stand-in response: with no
 * per-request directive they are the same for every request, and @fastify/helmet rebuilt helmet (and
 * re-parsed the policy) for each one, about a twentieth of a cached page's CPU.
 */
export function securityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  // Helmet throws on invalid options; its callback is only ever called without an error.
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}
