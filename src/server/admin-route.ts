import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../app/index.js';
import type { Principal } from '../core/index.js';
import { parseInput } from './parse-input.js';

/** Everything a handler gets: the validated input and who is asking. */
export interface RouteContext<B, Q, P> {
  readonly principal: Principal;
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  readonly deps: AppDeps;
  readonly reply: FastifyReply;
}

/**
 * A declarative admin endpoint (Ghost-style): it states its input schemas and calls one use case. The use case
 * checks permissions on the server; a route never decides access by itself.
 */
export interface AdminRoute<B = unknown, Q = unknown, P = unknown> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly summary: string;
  readonly tag: string;
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  readonly body?: z.ZodType<B>;
  /** 201 for creations; 200 otherwise. */
  readonly status?: number;
  handler(ctx: RouteContext<B, Q, P>): Promise<unknown>;
}

/** A route of any input types, for lists of routes (a handler only ever sees its own parsed input). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAdminRoute = AdminRoute<any, any, any>;

/** Identity of a route's own type parameters, so that `defineRoute({...})` infers them. */
export function defineRoute<B, Q, P>(route: AdminRoute<B, Q, P>): AdminRoute<B, Q, P> {
  return route;
}

function parse(schema: z.ZodType | undefined, value: unknown): unknown {
  return schema ? parseInput(schema, value) : undefined;
}

/** The signed-in principal of a request; throws `GZ_NOT_SIGNED_IN` (or the missing sign-in step) otherwise. */
export type PrincipalOf = (request: FastifyRequest) => Principal;

export function registerRoutes(
  scope: FastifyInstance,
  routes: readonly AnyAdminRoute[],
  deps: AppDeps,
  principalOf: PrincipalOf,
): void {
  for (const route of routes) {
    scope.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
        const context: RouteContext<unknown, unknown, unknown> = {
          principal: principalOf(request),
          params: parse(route.params, request.params),
          query: parse(route.query, request.query),
          body: parse(route.body, request.body),
          deps,
          reply,
        };
        const result = await route.handler(context);
        if (reply.sent) return reply;
        return reply.code(route.status ?? 200).send(result ?? { ok: true });
      },
    });
  }
}

const jsonSchema = (schema: z.ZodType | undefined): Record<string, unknown> | undefined => {
  if (!schema) return undefined;
  const document: Record<string, unknown> = { ...z.toJSONSchema(schema, { unrepresentable: 'any' }) };
  delete document['$schema'];
  return document;
};

/** OpenAPI 3.1 description of the admin API, generated from the same route declarations. */
export function openApiDocument(routes: readonly AnyAdminRoute[], version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = jsonSchema(route.params) as { properties?: Record<string, unknown> } | undefined;
    const query = jsonSchema(route.query) as
      { properties?: Record<string, unknown>; required?: string[] } | undefined;
    const parameters = [
      ...Object.entries(params?.properties ?? {}).map(([name, schema]) => ({
        name,
        in: 'path',
        required: true,
        schema,
      })),
      ...Object.entries(query?.properties ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: query?.required?.includes(name) ?? false,
        schema,
      })),
    ];
    const body = jsonSchema(route.body);
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      tags: [route.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
      responses: {
        [String(route.status ?? 200)]: { description: 'OK' },
        default: {
          description: 'Error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gazette admin API',
      version,
      description:
        'JSON over HTTPS. Sign in with POST /session; send the session cookie and, on every state-changing request, the x-csrf-token header from GET /session. Errors are { "error": { "code", "message", "messageZh", "field"? } } with stable codes (docs/errors.md).',
    },
    servers: [{ url: '/admin/api' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'gz_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'messageZh'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                messageZh: { type: 'string' },
                field: { type: 'string' },
              },
            },
          },
        },
      },
    },
    security: [{ session: [], csrf: [] }],
    paths,
  };
}
