import { z } from 'zod';
import {
  createUser,
  disableUser,
  enableUser,
  listUsers,
  parseGrant,
  resetPassword,
  setGrants,
} from '../app/index.js';
import { ROLES, type Grant } from '../core/index.js';
import { presentUser } from './admin-auth.js';
import { defineRoute } from './admin-route.js';
import { id } from './schemas.js';

const grant = z
  .object({
    role: z.enum(ROLES),
    siteId: id.nullable(),
    columnId: id.nullable(),
  })
  .strict();
const usernameParams = z.object({ username: z.string().min(2).max(32) }).strict();
const tag = 'users';

/** Accounts and roles: the system administrator manages accounts, the security administrator assigns roles. */
export const userRoutes = [
  defineRoute({
    method: 'GET',
    url: '/users',
    tag,
    summary: 'Every account with roles, status, last sign-in and 2FA (user.manage or role.assign)',
    handler: async ({ deps, principal }) => ({
      items: (await listUsers(deps, principal)).map((user) => ({
        ...presentUser(user),
        status: user.status,
        lastLoginAt: user.lastLoginAt,
        lockedUntil: user.lockedUntil,
      })),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/users',
    tag,
    summary: 'Create an account; the generated one-time password is returned once',
    status: 201,
    body: z
      .object({
        username: z.string().min(2).max(32),
        displayName: z.string().min(1).max(64),
        grants: z.array(grant).max(50).optional(),
      })
      .strict(),
    handler: async ({ deps, principal, body }) => {
      const created = await createUser(deps, principal, {
        username: body.username,
        displayName: body.displayName,
        ...(body.grants ? { grants: body.grants } : {}),
      });
      return { user: presentUser(created.user), password: created.generatedPassword };
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/users/:username/grants',
    tag,
    summary: 'Replace the roles of an account (role.assign)',
    params: usernameParams,
    body: z.object({ grants: z.array(z.union([grant, z.string().max(80)])).max(50) }).strict(),
    handler: async ({ deps, principal, params, body }) => {
      const grants = body.grants.map((g) => (typeof g === 'string' ? parseGrant(g) : (g as Grant)));
      return presentUser(await setGrants(deps, principal, params.username, grants));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/users/:username/disable',
    tag,
    summary: 'Disable an account and end its sessions (user.manage)',
    params: usernameParams,
    handler: async ({ deps, principal, params }) =>
      presentUser(await disableUser(deps, principal, params.username)),
  }),
  defineRoute({
    method: 'POST',
    url: '/users/:username/enable',
    tag,
    summary: 'Enable an account again (user.manage)',
    params: usernameParams,
    handler: async ({ deps, principal, params }) =>
      presentUser(await enableUser(deps, principal, params.username)),
  }),
  defineRoute({
    method: 'POST',
    url: '/users/:username/reset-password',
    tag,
    summary: 'Set a generated one-time password, to be changed at next sign-in (user.manage)',
    params: usernameParams,
    handler: async ({ deps, principal, params }) => {
      const { user, password } = await resetPassword(deps, principal, params.username);
      return { user: presentUser(user), password };
    },
  }),
] as const;
