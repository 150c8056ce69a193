import type { BeaconConfig } from '@beacon/config';
import {
  createEnvelope,
  encodeEnvelopes,
  linkVisitStored,
  type RabbitConnection,
} from '@beacon/messaging';
import type { CreateChannelOpts } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveVisitFeed } from './live-visit-feed.service';

/** A broker that hands the test the replica queue's consumer. */
function fakeBroker() {
  let consumer: ((message: ConsumeMessage | null) => void) | undefined;
  let setUp: Promise<void> = Promise.resolve();
  const channel = {
    assertExchange: async () => undefined,
    assertQueue: async () => ({ queue: 'amq.gen-1' }),
    bindQueue: async () => undefined,
    consume: async (_queue: string, onMessage: typeof consumer) => void (consumer = onMessage),
  };
  const connection = {
    topology: { eventsExchange: 'unit.events' },
    createChannel: (options: CreateChannelOpts) => {
      setUp = options.setup!(
        channel as unknown as ConfirmChannel,
        () => undefined,
      ) as Promise<void>;
      return { close: async () => undefined };
    },
  } as unknown as RabbitConnection;
  return {
    connection,
    ready: () => setUp,
    deliver: (body: Buffer) => consumer!({ content: body } as ConsumeMessage),
  };
}

const stored = (linkId: string, visitId = randomUUID()) =>
  createEnvelope(linkVisitStored, {
    linkId,
    slug: `s${linkId}`,
    visitId,
    visitedAt: '2026-12-01T10:00:00.000Z',
    referrerHost: null,
    browser: 'Firefox',
    os: 'Linux',
    device: 'desktop',
    country: null,
    withheld: false,
    bot: false,
    source: 'direct',
  });

const config = {
  liveVisits: { replayMs: 60_000, replayPerLink: 10, heartbeatMs: 1_000, streamsPerUser: 5 },
} as BeaconConfig;

describe('LiveVisitFeed', () => {
  let feed: LiveVisitFeed | undefined;
  afterEach(() => feed?.onModuleDestroy());

  async function openFeed() {
    const broker = fakeBroker();
    feed = new LiveVisitFeed(broker.connection, config);
    feed.onModuleInit();
    await broker.ready();
    return {
      feed,
      send: (...events: ReturnType<typeof stored>[]) => broker.deliver(encodeEnvelopes(events)),
    };
  }

  it("hands each follower its link's visits as they arrive, once each", async () => {
    const { feed, send } = await openFeed();
    const seen: string[] = [];
    const unfollow = feed.follow('1', undefined, ({ id }) => seen.push(id));
    const first = stored('1');
    send(first, stored('2'), first);
    const second = stored('1');
    send(second);
    unfollow();
    send(stored('1'));
    expect(seen).toEqual([first.data.visitId, second.data.visitId]);
  });

  it('replays the visits after Last-Event-ID before the new ones', async () => {
    const { feed, send } = await openFeed();
    const [a, b, c] = [stored('1'), stored('1'), stored('1')];
    send(a, b, c);
    const seen: string[] = [];
    feed.follow('1', a.data.visitId, ({ id }) => seen.push(id));
    const d = stored('1');
    send(d);
    expect(seen).toEqual([b, c, d].map((event) => event.data.visitId));
  });
});
