import type { BeaconConfig } from '@beacon/config';
import type { EventPublisher } from '@beacon/messaging';
import { describe, expect, it } from 'vitest';
import type { CachedLink } from './link-cache.service';
import { VisitRecorder } from './visit-recorder.service';

const link = (slug: string): CachedLink => ({
  id: '7',
  slug,
  targetUrl: 'https://example.com/',
  expiresAtMs: null,
  maxVisits: null,
  passwordHash: null,
  exhausted: false,
});
const visitor = { ip: '203.0.113.9', userAgent: 'Mozilla/5.0', referrer: undefined };
const config = { auth: { jwtSecret: 'x'.repeat(48) } } as BeaconConfig;

/** Records what reaches the publisher; throws for the slugs it is told to refuse. */
function recorderWithPublisher(refused: string[] = []) {
  const published: { slug: string; visitedAt: string; ipHash: string }[] = [];
  const publisher = {
    publish: (_contract: unknown, data: { slug: string; visitedAt: string; ipHash: string }) => {
      if (refused.includes(data.slug)) throw new Error(`refused ${data.slug}`);
      published.push(data);
    },
  } as unknown as EventPublisher;
  return { recorder: new VisitRecorder(publisher, config), published };
}

const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('VisitRecorder', () => {
  it("publishes a turn's visits together once the turn is over", async () => {
    const { recorder, published } = recorderWithPublisher();
    recorder.record(link('a'), visitor, Date.UTC(2026, 10, 25, 12));
    recorder.record(link('b'), visitor, Date.UTC(2026, 10, 25, 12));
    expect(published).toEqual([]);
    await endOfTurn();
    expect(published.map((data) => data.slug)).toEqual(['a', 'b']);
    expect(published[0]).toMatchObject({ visitedAt: '2026-11-25T12:00:00.000Z' });
    expect(published[0].ipHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps publishing past a visit that fails, without throwing out of the turn', async () => {
    const { recorder, published } = recorderWithPublisher(['bad']);
    recorder.record(link('bad'), visitor);
    recorder.record(link('good'), visitor);
    await endOfTurn();
    expect(published.map((data) => data.slug)).toEqual(['good']);
  });

  it('hands pending visits to the publisher at shutdown', () => {
    const { recorder, published } = recorderWithPublisher();
    recorder.record(link('late'), visitor);
    recorder.beforeApplicationShutdown();
    expect(published.map((data) => data.slug)).toEqual(['late']);
  });
});
