import { z } from 'zod';
import {
  acceptRelay,
  declineRelay,
  detachRelay,
  listRelays,
  offerRelay,
  readPlatformQueue,
  takeRelayUpdate,
} from '../app/index.js';
import { defineRoute } from './admin-route.js';
import { id, text } from './schemas.js';

const tag = 'relays';
const idParams = z.object({ id }).strict();

/** 转载 between the sites of the platform, and the platform operators' view of what waits on every site. */
export const relayRoutes = [
  defineRoute({
    method: 'GET',
    url: '/sites/:id/relays',
    tag,
    summary:
      "The site's incoming relays (offers waiting, copies taken, whether an original changed since) and its own offers, with the sites an article may be offered to; relay.offer or relay.accept on the site",
    params: idParams,
    handler: ({ deps, principal, params }) => listRelays(deps, principal, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/articles/:id/relays',
    tag,
    summary:
      'Offer a published article to another site of the platform (relay.offer on the article). 409 GZ_RELAY_NOT_PUBLISHED, GZ_RELAY_EXISTS (already waiting or taken there), GZ_RELAY_LOOP (the site it came from)',
    params: idParams,
    status: 201,
    body: z
      .object({ targetSiteId: id, columnId: id.nullable().optional(), note: text(400).optional() })
      .strict(),
    handler: ({ deps, principal, params, body }) =>
      offerRelay(deps, principal, {
        articleId: params.id,
        targetSiteId: body.targetSiteId,
        ...(body.columnId !== undefined ? { columnId: body.columnId } : {}),
        ...(body.note !== undefined ? { note: body.note } : {}),
      }),
  }),
  defineRoute({
    method: 'POST',
    url: '/relays/:id/accept',
    tag,
    summary:
      "Take an offer into a column of the receiving site: the copy names its origin and is submitted to the column's review (relay.accept on that column)",
    params: idParams,
    body: z.object({ columnId: id }).strict(),
    handler: ({ deps, principal, params, body }) => acceptRelay(deps, principal, params.id, body.columnId),
  }),
  defineRoute({
    method: 'POST',
    url: '/relays/:id/decline',
    tag,
    summary: 'Decline an offer with a reason (relay.accept on the receiving site)',
    params: idParams,
    body: z.object({ reason: text(400) }).strict(),
    handler: ({ deps, principal, params, body }) => declineRelay(deps, principal, params.id, body.reason),
  }),
  defineRoute({
    method: 'POST',
    url: '/relays/:id/update',
    tag,
    summary:
      "Take the original's changed content into the copy: an edit of the copy, a correction awaiting the site's own review when the copy is published (relay.accept and the right to edit the copy)",
    params: idParams,
    handler: ({ deps, principal, params }) => takeRelayUpdate(deps, principal, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/relays/:id/detach',
    tag,
    summary: 'Stop comparing a copy with its original: it has diverged (relay.accept on the receiving site)',
    params: idParams,
    body: z.object({ reason: text(400).optional() }).strict(),
    handler: ({ deps, principal, params, body }) => detachRelay(deps, principal, params.id, body.reason),
  }),
  defineRoute({
    method: 'GET',
    url: '/platform/queue',
    tag: 'platform',
    summary:
      'What waits on every site: articles in review and incoming relays with the oldest offer’s time; platform.read',
    handler: async ({ deps, principal }) => ({ items: await readPlatformQueue(deps, principal) }),
  }),
] as const;
