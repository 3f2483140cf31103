import { describe, expect, it } from 'vitest';
import { createInProcessChangeFeed, parseContentEvent } from './change-feed.js';
import type { ContentEvent } from './deps.js';

const published: ContentEvent = { type: 'article-published', siteId: 1, articleId: 7 };

describe('in-process change feed', () => {
  it('hands every published event to every subscriber, in order', async () => {
    const feed = createInProcessChangeFeed();
    const a: ContentEvent[] = [];
    const b: ContentEvent[] = [];
    feed.subscribe((event) => a.push(event));
    feed.subscribe((event) => b.push(event));
    await feed.publish(published);
    await feed.publish({ type: 'site-updated', siteId: 1 });
    expect(a).toEqual([published, { type: 'site-updated', siteId: 1 }]);
    expect(b).toEqual(a);
  });

  it('stops calling a subscriber once it unsubscribes', async () => {
    const feed = createInProcessChangeFeed();
    const seen: ContentEvent[] = [];
    const unsubscribe = feed.subscribe((event) => seen.push(event));
    unsubscribe();
    await feed.publish(published);
    expect(seen).toEqual([]);
  });

  it('keeps delivering to the others when one subscriber throws, and reports the error', async () => {
    const errors: unknown[] = [];
    const feed = createInProcessChangeFeed((error) => errors.push(error));
    const seen: ContentEvent[] = [];
    feed.subscribe(() => {
      throw new Error('broken cache');
    });
    feed.subscribe((event) => seen.push(event));
    await feed.publish(published);
    expect(seen).toEqual([published]);
    expect(errors).toHaveLength(1);
  });
});

describe('parsing an event from another process', () => {
  it('accepts the JSON of an event, including types this process does not know yet', () => {
    expect(parseContentEvent(JSON.stringify(published))).toEqual(published);
    expect(parseContentEvent('{"type":"future-event","siteId":2}')).toMatchObject({ type: 'future-event' });
  });

  it('drops anything that is not an event', () => {
    for (const payload of ['', 'not json', 'null', '[]', '{"type":"site-updated"}', '{"siteId":1}']) {
      expect(parseContentEvent(payload), payload).toBeNull();
    }
  });
});
