import { createHash, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  auditThrottled,
  changePassword,
  confirmTotpEnrolment,
  login,
  logout,
  logoutEverywhere,
  normaliseUsername,
  resolveSession,
  startTotpEnrolment,
  stepError,
  verifySecondFactor,
  type AppDeps,
  type Client,
  type SessionContext,
  type SignInStep,
} from '../app/index.js';
import {
  GazetteError,
  isGazetteError,
  PASSWORD_RULE,
  type ErrorCode,
  type Principal,
  type User,
} from '../core/index.js';
import { publicError, storageFullError } from './error-mapping.js';
import { parseInput } from './parse-input.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person (every sign-in step done), or null. Set for every request under /admin/api. */
    principal: Principal | null;
    /** The session behind the cookie, complete or still in a sign-in step; null without one. */
    adminSession: SessionContext | null;
    /** Why there is no session although a cookie came (expired, unknown). */
    sessionProblem: ErrorCode | null;
  }
  interface FastifyContextConfig {
    /** false only for the sign-in itself: every other state-changing request needs the CSRF header. */
    csrf?: boolean;
  }
}

export const SESSION_COOKIE = 'gz_session';
export const CSRF_HEADER = 'x-csrf-token';
const COOKIE_PATH = '/admin';
/** The session cookie goes to /media too: files not public yet are shown to signed-in editors only. */
const COOKIE_PATHS = [COOKIE_PATH, '/media'] as const;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Failed sign-in proofs allowed from one address per window, across all usernames (password spraying). */
export const IP_FAILURE_LIMIT = 30;
const IP_WINDOW_MS = 15 * 60_000;
const IP_TABLE_LIMIT = 10_000;

/** The signed-in person, or the error that says what is missing (sign in, a sign-in step). */
export function requireUser(request: FastifyRequest): Principal & { readonly kind: 'user' } {
  const context = request.adminSession;
  if (!context) throw new GazetteError(request.sessionProblem ?? 'GZ_NOT_SIGNED_IN');
  if (context.step !== 'done') throw stepError(context.step);
  return { kind: 'user', user: context.user, ip: request.ip };
}

/** The session in whatever sign-in step it is. */
function requireSession(request: FastifyRequest): SessionContext {
  if (!request.adminSession) throw new GazetteError(request.sessionProblem ?? 'GZ_NOT_SIGNED_IN');
  return request.adminSession;
}

function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/**
 * In-memory count of failed proofs per client address, over a sliding window. A proof takes its slot
 * BEFORE it is checked (`reserve`) and gives it back when it turns out right (`release`), so that requests
 * in flight at the same time cannot between them get past the limit.
 */
function createAddressThrottle(now: () => number) {
  const failures = new Map<string, number[]>();
  const recent = (ip: string): number[] => {
    const cutoff = now() - IP_WINDOW_MS;
    const kept = (failures.get(ip) ?? []).filter((at) => at > cutoff);
    if (kept.length === 0) failures.delete(ip);
    else failures.set(ip, kept);
    return kept;
  };
  return {
    /** Takes a slot for one proof, or throws `GZ_TOO_MANY_ATTEMPTS`. Returns the slot's time. */
    reserve(ip: string): number {
      const kept = recent(ip);
      if (kept.length >= IP_FAILURE_LIMIT) {
        const retryAfterSeconds = Math.max(1, Math.ceil(((kept[0] ?? now()) + IP_WINDOW_MS - now()) / 1000));
        throw new GazetteError(
          'GZ_TOO_MANY_ATTEMPTS',
          `try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
          { retryAfterSeconds },
        );
      }
      const at = now();
      kept.push(at);
      failures.delete(ip);
      failures.set(ip, kept);
      // Forget the addresses seen longest ago rather than grow without bound.
      while (failures.size > IP_TABLE_LIMIT) {
        const oldest = failures.keys().next().value;
        if (oldest === undefined) break;
        failures.delete(oldest);
      }
      return at;
    },
    /** Gives back a slot taken by `reserve`: the proof was right, or was never checked. */
    release(ip: string, at: number): void {
      const kept = failures.get(ip);
      const index = kept?.lastIndexOf(at) ?? -1;
      if (!kept || index < 0) return;
      kept.splice(index, 1);
      if (kept.length === 0) failures.delete(ip);
    },
  };
}

const FAILED_PROOF: ReadonlySet<ErrorCode> = new Set([
  'GZ_LOGIN_FAILED',
  'GZ_ACCOUNT_LOCKED',
  'GZ_TOTP_INVALID',
  'GZ_PASSWORD_INCORRECT',
]);

/** What a client may see of a user: never hashes, secrets or failure counters. */
export function presentUser(user: User) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    grants: user.grants,
    mustChangePassword: user.mustChangePassword,
    totpEnabled: user.totpEnabled,
  };
}

const loginBody = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) })
  .strict();
const secondFactorBody = z
  .object({ code: z.string().min(1).max(16).optional(), recoveryCode: z.string().min(1).max(32).optional() })
  .strict()
  .refine((body) => (body.code === undefined) !== (body.recoveryCode === undefined), {
    message: 'give either code or recoveryCode',
    path: ['code'],
  });
const passwordBody = z
  .object({ oldPassword: z.string().max(1024).optional(), newPassword: z.string().min(1).max(1024) })
  .strict();
const emptyBody = z.object({}).strict();
const codeBody = z.object({ code: z.string().min(1).max(16) }).strict();

/** The sign-in endpoints, described for the OpenAPI document (their handlers are registered below). */
export const sessionEndpoints: readonly {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: string;
  readonly summary: string;
  readonly body?: z.ZodType;
}[] = [
  {
    method: 'POST',
    url: '/session',
    summary: 'Sign in with username and password (no CSRF token yet)',
    body: loginBody,
  },
  { method: 'GET', url: '/session', summary: 'The session: user, sign-in step and CSRF token' },
  {
    method: 'POST',
    url: '/session/totp',
    summary: 'Second factor: a TOTP code or a recovery code',
    body: secondFactorBody,
  },
  {
    method: 'POST',
    url: '/session/password',
    summary: 'Change the password (forced at first sign-in)',
    body: passwordBody,
  },
  {
    method: 'POST',
    url: '/session/totp/enrol',
    summary: 'Start TOTP enrolment: secret and otpauth URI',
    body: emptyBody,
  },
  {
    method: 'POST',
    url: '/session/totp/confirm',
    summary: 'Confirm TOTP with a first code; returns recovery codes',
    body: codeBody,
  },
  {
    method: 'GET',
    url: '/password-policy',
    summary:
      'The password rule (no session needed): minLength, maxLength, minClasses, and the rule in words (zh, en)',
  },
  { method: 'DELETE', url: '/session', summary: 'Sign out' },
  { method: 'DELETE', url: '/sessions', summary: 'Sign out everywhere (every session of this user)' },
];

/**
 * Sign-in, sessions and CSRF for the `/admin/api` scope. Decorates every request of the scope with
 * `principal` and `adminSession`; answers errors as JSON `{ error: { code, message, messageZh, field? } }`;
 * refuses any POST/PUT/PATCH/DELETE without the session's CSRF token in `x-csrf-token` (the sign-in
 * itself excepted). Routes of the scope call `requireUser(request)` to get the principal.
 */
export async function registerAdminAuth(scope: FastifyInstance, deps: AppDeps): Promise<void> {
  if (!scope.hasReplyDecorator('setCookie')) await scope.register(fastifyCookie);
  scope.decorateRequest('principal', null);
  scope.decorateRequest('adminSession', null);
  scope.decorateRequest('sessionProblem', null);

  const throttle = createAddressThrottle(() => Date.parse(deps.clock.now()));
  const clientOf = (request: FastifyRequest): Client => ({
    ip: request.ip,
    userAgent: String(request.headers['user-agent'] ?? ''),
  });
  const clearSessionCookie = (reply: FastifyReply) => {
    for (const path of COOKIE_PATHS) {
      void reply.clearCookie(SESSION_COOKIE, { path, httpOnly: true, sameSite: 'strict', secure: 'auto' });
    }
  };

  scope.setErrorHandler(async (error, request, reply) => {
    let failure: unknown = error;
    if (!isGazetteError(error)) {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      // Fastify's own 4xx (bad JSON, wrong content type, body too large): bad input.
      if (status >= 400 && status < 500) {
        failure = new GazetteError('GZ_INVALID_INPUT', (error as Error).message);
      } else {
        // A full disk or database, wherever it was met: 507, and the log says which.
        failure = storageFullError(error) ?? error;
      }
    }
    const { status, body } = publicError(failure);
    if (status >= 500) {
      const cause = failure instanceof Error ? failure.cause : undefined;
      request.log.error(
        { err: error, ...(cause === undefined ? {} : { cause }) },
        'admin API request failed',
      );
    }
    const retry = isGazetteError(failure) ? failure.details['retryAfterSeconds'] : undefined;
    if (typeof retry === 'number') void reply.header('retry-after', String(retry));
    return reply.code(status).header('cache-control', 'no-store').send(body);
  });

  scope.addHook('onRequest', async (request, reply) => {
    void reply.header('cache-control', 'no-store');
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      try {
        const context = await resolveSession(deps, token, clientOf(request));
        request.adminSession = context;
        request.principal = context.principal;
      } catch (error) {
        if (!isGazetteError(error)) throw error;
        request.sessionProblem = error.code;
        clearSessionCookie(reply);
      }
    }
    if (!UNSAFE_METHODS.has(request.method) || request.routeOptions.config.csrf === false) return;
    const context = requireSession(request);
    const given = request.headers[CSRF_HEADER];
    if (typeof given !== 'string' || !sameToken(given, context.session.csrfToken)) {
      throw new GazetteError('GZ_CSRF_INVALID');
    }
  });

  /** Runs a proof check under the address throttle; a refusal is audited as `login.throttled`. */
  const withThrottle = async <T>(
    request: FastifyRequest,
    attempt: { readonly username: string; readonly userId: number | null; readonly endpoint: string },
    work: () => Promise<T>,
  ): Promise<T> => {
    let slot: number;
    try {
      slot = throttle.reserve(request.ip);
    } catch (error) {
      if (isGazetteError(error)) {
        const retry = error.details['retryAfterSeconds'];
        await auditThrottled(deps, clientOf(request), attempt, typeof retry === 'number' ? retry : 0);
      }
      throw error;
    }
    try {
      const result = await work();
      throttle.release(request.ip, slot);
      return result;
    } catch (error) {
      if (!isGazetteError(error) || !FAILED_PROOF.has(error.code)) throttle.release(request.ip, slot);
      throw error;
    }
  };

  const accountOf = (context: SessionContext, endpoint: string) => ({
    username: context.user.username,
    userId: context.user.id,
    endpoint,
  });

  const sessionView = (user: User, csrfToken: string, step: SignInStep) => ({
    user: presentUser(user),
    csrfToken,
    step,
  });

  scope.post('/session', { config: { csrf: false } }, async (request, reply) => {
    const body = parseInput(loginBody, request.body);
    const attempt = {
      username: normaliseUsername(body.username).slice(0, 64),
      userId: null,
      endpoint: 'session',
    };
    const signedIn = await withThrottle(request, attempt, () =>
      login(
        deps,
        { username: body.username, password: body.password, previousToken: request.cookies[SESSION_COOKIE] },
        clientOf(request),
      ),
    );
    for (const path of COOKIE_PATHS) {
      void reply.setCookie(SESSION_COOKIE, signedIn.token, {
        path,
        httpOnly: true,
        sameSite: 'strict',
        secure: 'auto',
      });
    }
    return { ...sessionView(signedIn.user, signedIn.csrfToken, signedIn.step), notice: signedIn.notice };
  });

  scope.get('/session', (request, reply) => {
    const context = requireSession(request);
    return reply.send(sessionView(context.user, context.session.csrfToken, context.step));
  });

  // What the admin shows where a password is chosen: the rule the server enforces, from its one definition.
  scope.get('/password-policy', () => PASSWORD_RULE);

  scope.post('/session/totp', async (request) => {
    const context = requireSession(request);
    const body = parseInput(secondFactorBody, request.body);
    const proof = body.code !== undefined ? { code: body.code } : { recoveryCode: body.recoveryCode ?? '' };
    return withThrottle(request, accountOf(context, 'session/totp'), () =>
      verifySecondFactor(deps, context, proof, clientOf(request)),
    );
  });

  scope.post('/session/password', async (request) => {
    const context = requireSession(request);
    const body = parseInput(passwordBody, request.body);
    return withThrottle(request, accountOf(context, 'session/password'), () =>
      changePassword(
        deps,
        context,
        { oldPassword: body.oldPassword, newPassword: body.newPassword },
        clientOf(request),
      ),
    );
  });

  scope.post('/session/totp/enrol', async (request) => {
    const context = requireSession(request);
    parseInput(emptyBody, request.body);
    return startTotpEnrolment(deps, context, clientOf(request));
  });

  scope.post('/session/totp/confirm', async (request) => {
    const context = requireSession(request);
    const body = parseInput(codeBody, request.body);
    return confirmTotpEnrolment(deps, context, body.code, clientOf(request));
  });

  scope.delete('/session', async (request, reply) => {
    const context = requireSession(request);
    await logout(deps, context, clientOf(request));
    clearSessionCookie(reply);
    return reply.code(204).send();
  });

  scope.delete('/sessions', async (request, reply) => {
    requireUser(request);
    const ended = await logoutEverywhere(deps, requireSession(request), clientOf(request));
    clearSessionCookie(reply);
    return { ended };
  });
}
