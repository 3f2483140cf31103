import { formatDate, OVERDUE_FLAG_DAYS } from '../core/index.js';
import { consultationsWithoutFeedback } from './consultations.js';
import type { InteractionReader } from './inspect-site.js';
import type { Store } from './ports.js';

const DAY_MS = 86_400_000;
const OPEN_STATUSES = ['received', 'drafted', 'reviewing', 'approved'] as const;

/**
 * What the self-check reads of Gazette's own 互动交流: each letters channel (working when enabled), its oldest
 * valid letter without a reply received within the last year (the veto fails at three months), how many
 * passed the 60-day flag, and the consultations closed longer than the site's limit without their
 * 采纳情况反馈.
 */
export function storedInteractionReader(store: Store): InteractionReader {
  return {
    async channels(siteId, now) {
      const yearAgo = new Date(Date.parse(now) - 365 * DAY_MS).toISOString();
      const flagBefore = formatDate(new Date(Date.parse(now) - OVERDUE_FLAG_DAYS * DAY_MS).toISOString());
      const open = await store.interact.listMessages({ siteId, statuses: OPEN_STATUSES, limit: 100_000 });
      return (await store.interact.listChannels(siteId)).map((channel) => {
        const waiting = open
          .filter((m) => m.channelId === channel.id && m.receivedAt >= yearAgo)
          .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id - b.id);
        const oldest = waiting[0];
        return {
          id: String(channel.id),
          name: channel.name,
          working: channel.enabled,
          oldestUnanswered: oldest ? { id: oldest.number, receivedAt: oldest.receivedAt } : null,
          flagged: waiting.filter((m) => m.receivedOn <= flagBefore).length,
        };
      });
    },
    async consultationsWithoutFeedback(siteId, now) {
      return (await consultationsWithoutFeedback(store, siteId, now)).map((c) => ({
        id: String(c.id),
        title: c.title,
        closesOn: c.closesOn,
        feedbackDueOn: c.feedbackDueOn,
      }));
    },
  };
}

/** Whether the site runs its 互动交流 on Gazette at all (a channel or a consultation): if not, nothing to read. */
export async function hasInteraction(store: Store, siteId: number): Promise<boolean> {
  return (
    (await store.interact.listChannels(siteId)).length > 0 ||
    (await store.consultations.list(siteId)).length > 0
  );
}
