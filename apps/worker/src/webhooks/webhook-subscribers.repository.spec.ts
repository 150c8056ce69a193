import type { DataSource } from 'typeorm';
import { describe, expect, it, vi } from 'vitest';
import { WebhookSubscribers } from './webhook-subscribers.repository';

/** What MySQL answers for links 1 and 2: link 1's owner has two webhooks, link 2's one. */
const ROWS = [
  { link_id: 1, id: 10, events: 'link.visited,link.created' },
  { link_id: 1, id: 11, events: 'link.deleted' },
  { link_id: 2, id: 20, events: 'link.visited' },
];

function subscribersOver(query: (sql: string, params: unknown[]) => Promise<unknown>) {
  return new WebhookSubscribers({ query: vi.fn(query) } as unknown as DataSource);
}

describe('WebhookSubscribers', () => {
  it('answers lookups made together with one query, each with its own link and type', async () => {
    const query = vi.fn(async (_sql: string, _params: unknown[]) => ROWS);
    const subscribers = subscribersOver(query);
    const visits = Array.from({ length: 100 }, (_, n) =>
      subscribers.of(String(1 + (n % 3)), 'link.visited'),
    );
    const [first, second, third] = await Promise.all(visits);
    const deleted = await subscribers.of('1', 'link.deleted');

    expect([first, second, third]).toEqual([['10'], ['20'], []]);
    expect(deleted).toEqual(['11']);
    expect(query).toHaveBeenCalledTimes(2);
    expect(query.mock.calls[0][1]).toEqual([['1', '2', '3']]);
  });

  it('fails every lookup of a query that failed, and the next lookups query again', async () => {
    let calls = 0;
    const subscribers = subscribersOver(async () => {
      calls += 1;
      if (calls === 1) throw new Error('connection lost');
      return ROWS;
    });
    const failed = await Promise.allSettled([
      subscribers.of('1', 'link.visited'),
      subscribers.of('2', 'link.visited'),
    ]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await subscribers.of('2', 'link.visited')).toEqual(['20']);
  });
});
