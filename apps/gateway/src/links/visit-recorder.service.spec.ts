import type { BeaconConfig } from '@beacon/config';
import type { EventPublisher, PublishOptions } from '@beacon/messaging';
import { describe, expect, it } from 'vitest';
import type { CachedLink } from './link-cache.service';
import { VisitRecorder, type Visitor } from './visit-recorder.service';

const link = (slug: string): CachedLink => ({
  id: '7',
  slug,
  targetUrl: 'https://example.com/',
  expiresAtMs: null,
  maxVisits: null,
  passwordHash: null,
  exhausted: false,
  expiryAnnounced: false,
});
const visitor: Visitor = {
  ip: '203.0.113.9',
  userAgent: 'Mozilla/5.0',
  referrer: undefined,
  source: 'direct',
};
const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));

const configFor = (delivery: 'buffered' | 'confirmed', honourPrivacySignals = true) =>
  ({
    auth: { jwtSecret: 'x'.repeat(48) },
    visits: { delivery, confirmTimeoutMs: 1_000, honourPrivacySignals },
  }) as BeaconConfig;

interface PublishedVisit {
  slug: string;
  visitedAt: string;
  ipHash: string;
  source: string;
  [field: string]: unknown;
}

/**
 * Records what reaches the publisher, and keeps each visit's `onDurable` for the test to call;
 * throws for the slugs it is told to refuse.
 */
function recorderWithPublisher(
  refused: string[] = [],
  delivery: 'buffered' | 'confirmed' = 'buffered',
  honourPrivacySignals = true,
) {
  const published: PublishedVisit[] = [];
  const durable = new Map<string, () => void>();
  const ids: (string | undefined)[] = [];
  const publisher = {
    publish: (
      _contract: unknown,
      data: PublishedVisit,
      _atMs: number,
      options?: PublishOptions,
    ) => {
      if (refused.includes(data.slug)) throw new Error(`refused ${data.slug}`);
      published.push(data);
      ids.push(options?.id);
      if (options?.onDurable) durable.set(data.slug, options.onDurable);
    },
  } as unknown as EventPublisher;
  const config = configFor(delivery, honourPrivacySignals);
  return { recorder: new VisitRecorder(publisher, config), published, durable, ids };
}

/** Whether `promise` has settled once pending callbacks ran. */
async function settled(promise: Promise<unknown> | undefined): Promise<boolean> {
  let done = false;
  void promise?.then(() => (done = true));
  await endOfTurn();
  return done;
}

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

  it('tells a QR scan from a direct visit in the event', async () => {
    const { recorder, published } = recorderWithPublisher();
    recorder.record(link('scanned'), { ...visitor, source: 'qr' });
    recorder.record(link('typed'), visitor);
    await endOfTurn();
    expect(published.map(({ slug, source }) => [slug, source])).toEqual([
      ['scanned', 'qr'],
      ['typed', 'direct'],
    ]);
  });

  it('sends the client address along for its country', async () => {
    const { recorder, published } = recorderWithPublisher();
    recorder.record(link('a'), visitor);
    recorder.record(link('b'), { ...visitor, ip: 'not an address' });
    await endOfTurn();
    expect(published[0].clientIp).toBe('203.0.113.9');
    expect(published[1]).not.toHaveProperty('clientIp');
  });

  it('sends of a visit that asked not to be tracked only its link, time and bot flag', async () => {
    const { recorder, published } = recorderWithPublisher();
    const tracked = {
      ...visitor,
      userAgent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0.0.0 Safari/537.36',
      referrer: 'https://news.example.org/',
      source: 'qr' as const,
    };
    recorder.record(link('gpc'), { ...tracked, asksNotToBeTracked: true });
    recorder.record(link('bot'), { ...tracked, userAgent: 'curl/8.5.0', asksNotToBeTracked: true });
    await endOfTurn();
    expect(published[0]).toEqual({
      linkId: '7',
      slug: 'gpc',
      visitedAt: expect.any(String),
      referrer: null,
      userAgent: null,
      withheld: true,
      bot: false,
    });
    expect(published[1]).toMatchObject({ withheld: true, bot: true });
  });

  it('tracks every visit alike when PRIVACY_HONOUR_GPC is off', async () => {
    const { recorder, published } = recorderWithPublisher([], 'buffered', false);
    recorder.record(link('gpc'), { ...visitor, asksNotToBeTracked: true });
    await endOfTurn();
    expect(published[0]).toMatchObject({ userAgent: 'Mozilla/5.0', clientIp: '203.0.113.9' });
    expect(published[0]).not.toHaveProperty('withheld');
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

  it('derives the event id from the request, so a retried request makes the same event', () => {
    const { recorder, ids } = recorderWithPublisher();
    const atMs = Date.UTC(2026, 10, 25, 12);
    recorder.record(link('a'), { ...visitor, requestId: 'request-1' }, atMs);
    recorder.record(link('a'), { ...visitor, requestId: 'request-1' }, atMs + 5);
    recorder.record(link('a'), { ...visitor, requestId: 'request-2' }, atMs);
    recorder.beforeApplicationShutdown();
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('answers at once in buffered mode', () => {
    const { recorder } = recorderWithPublisher();
    expect(recorder.record(link('a'), visitor)).toBeUndefined();
  });

  it('waits in confirmed mode until the publisher says the visit is durable', async () => {
    const { recorder, durable } = recorderWithPublisher([], 'confirmed');
    const answered = recorder.record(link('a'), visitor);
    expect(await settled(answered)).toBe(false);
    durable.get('a')!();
    expect(await settled(answered)).toBe(true);
  });

  it('does not wait in confirmed mode for a visit the publisher refused', async () => {
    const { recorder } = recorderWithPublisher(['bad'], 'confirmed');
    expect(await settled(recorder.record(link('bad'), visitor))).toBe(true);
  });
});
