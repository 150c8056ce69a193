import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type BearerHeader } from './support/accounts';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { request } from './support/http-client';
import { createLink } from './support/links';
import { openSse, type SseStream } from './support/sse-client';

const STREAMS_PER_USER = 2;

describe('live visits over Server-Sent Events', () => {
  let beacon: BeaconHarness;
  let stopped = false;
  const streams: SseStream[] = [];
  const live = (slug: string) => `${beacon.gatewayUrl}/api/links/${slug}/visits/live`;
  const open = async (slug: string, headers: Record<string, string>) => {
    const stream = await openSse(live(slug), headers);
    streams.push(stream);
    return stream;
  };
  const visit = async (slug: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${beacon.gatewayUrl}/${slug}`, {
      redirect: 'manual',
      headers: {
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Firefox/133.0',
        ...headers,
      },
    });
    expect(response.status).toBe(302);
  };
  const ownerWithLink = async (slug: string): Promise<BearerHeader> => {
    const owner = await signUp(beacon.gatewayUrl);
    await createLink(beacon.gatewayUrl, owner, slug);
    return owner;
  };

  beforeAll(async () => {
    beacon = await startBeacon({
      worker: true,
      env: { LIVE_STREAMS_PER_USER: String(STREAMS_PER_USER), LIVE_VISITS_HEARTBEAT_MS: '300' },
    });
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    if (!stopped) await beacon?.stop();
  });

  it('streams two visits within 2 s of their redirects, as SSE with the right headers', async () => {
    const owner = await ownerWithLink('live-two');
    const stream = await open('live-two', owner);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    expect(stream.headers.get('cache-control')).toBe('no-cache');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');

    const redirectedAt = Date.now();
    await visit('live-two');
    await visit('live-two');
    const events = await stream.waitForEvents(2, 2_000);
    expect(Date.now() - redirectedAt).toBeLessThan(2_000);
    for (const event of events) {
      expect(event.event).toBe('visit');
      const data = JSON.parse(event.data);
      expect(data).toEqual({
        linkId: expect.stringMatching(/^\d+$/),
        slug: 'live-two',
        visitId: event.id,
        visitedAt: expect.any(String),
        referrerHost: null,
        browser: 'Firefox',
        os: 'Linux',
        device: 'desktop',
        bot: false,
        source: 'direct',
        country: null,
        withheld: false,
      });
    }
    expect(events[0].id).not.toBe(events[1].id);
    await eventually(() => expect(stream.comments).toContain('heartbeat'));
  });

  it('streams a visit that asked not to be tracked without its details', async () => {
    const owner = await ownerWithLink('live-withheld');
    const stream = await open('live-withheld', owner);
    await visit('live-withheld', { 'sec-gpc': '1', referer: 'https://news.example.org/' });
    const [event] = await stream.waitForEvents(1, 2_000);
    expect(JSON.parse(event.data)).toMatchObject({
      slug: 'live-withheld',
      referrerHost: null,
      browser: null,
      os: null,
      device: null,
      bot: false,
      source: null,
      country: null,
      withheld: true,
    });
  });

  it('replays the visits a client missed when it resumes with Last-Event-ID', async () => {
    const owner = await ownerWithLink('live-resume');
    const first = await open('live-resume', owner);
    await visit('live-resume');
    await visit('live-resume');
    const [seen, missedToo] = await first.waitForEvents(2);
    first.close();

    const watcher = await open('live-resume', owner);
    await visit('live-resume');
    const [missed] = await watcher.waitForEvents(1);
    watcher.close();

    const resumed = await open('live-resume', { ...owner, 'last-event-id': seen.id });
    const replayed = await resumed.waitForEvents(2);
    expect(replayed.map((event) => event.id)).toEqual([missedToo.id, missed.id]);
    expect(JSON.parse(replayed[1].data)).toMatchObject({ visitId: missed.id });
  });

  it("answers 404 for another user's link, while its owner's stream opens", async () => {
    const owner = await ownerWithLink('live-private');
    const stranger = await signUp(beacon.gatewayUrl);
    const refused = await request(live('live-private'), { headers: stranger });
    expect(refused.status).toBe(404);
    const unknown = await request(live('live-no-such-link'), { headers: owner });
    expect(unknown.status).toBe(404);
    const mine = await open('live-private', owner);
    expect(mine.status).toBe(200);
  });

  it('refuses a stream past the per-user limit with 429, and frees a slot when one closes', async () => {
    const owner = await ownerWithLink('live-limit');
    const held: SseStream[] = [];
    for (let i = 0; i < STREAMS_PER_USER; i++) held.push(await open('live-limit', owner));
    expect(held.map((stream) => stream.status)).toEqual([200, 200]);

    const refused = await request(live('live-limit'), { headers: owner });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(refused.body.message).toContain(`at most ${STREAMS_PER_USER}`);

    held[0].close();
    const reopened = await eventually(async () => {
      const stream = await open('live-limit', owner);
      if (stream.status !== 200) stream.close();
      expect(stream.status).toBe(200);
      return stream;
    });
    expect(reopened.status).toBe(200);
  });

  it('lets an API key stream only with stats:read', async () => {
    const owner = await ownerWithLink('live-key');
    const issue = async (scopes: string[]) => {
      const created = await request(`${beacon.gatewayUrl}/api/keys`, {
        method: 'POST',
        json: { name: 'live', scopes },
        headers: owner,
      });
      expect(created.status).toBe(201);
      return { 'x-api-key': created.body.key as string };
    };
    const withoutScope = await request(live('live-key'), {
      headers: await issue(['links:read']),
    });
    expect(withoutScope.status).toBe(403);
    const scoped = await open('live-key', await issue(['stats:read']));
    expect(scoped.status).toBe(200);
    await visit('live-key');
    await scoped.waitForEvents(1);
  });

  it('ends open streams when the gateway shuts down, without waiting for them', async () => {
    const owner = await ownerWithLink('live-shutdown');
    const stream = await open('live-shutdown', owner);
    expect(stream.status).toBe(200);
    const startedAt = Date.now();
    stopped = true;
    await beacon.stop();
    await stream.ended;
    expect(Date.now() - startedAt).toBeLessThan(10_000);
  });
});
