/**
 * Opens live visit streams: the link must be the caller's (or the caller an admin; 404
 * otherwise, as for every link route), the caller must have a slot (429 otherwise), then the
 * stream follows the link's visits from this replica's feed, after a replay of those since
 * Last-Event-ID. Open streams are ended when the HTTP server closes (Fastify's preClose, before
 * it waits for responses in flight), so a graceful shutdown never waits on a stream.
 */
import type { AuthenticatedUser } from '@beacon/auth';
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import { LinksService } from '../links/links.service';
import { LiveStream } from './live-stream';
import { LiveStreamSlots } from './live-stream-slots';
import { LiveVisitFeed } from './live-visit-feed.service';
import { sseEvent, sseRetry } from './sse-format';

/** What a client waits before reconnecting to a dropped stream (then with Last-Event-ID). */
const RECONNECT_AFTER_MS = 3_000;

@Injectable()
export class LiveVisitStreams implements OnModuleInit {
  private readonly streams = new Set<LiveStream>();
  private readonly slots: LiveStreamSlots;
  private readonly heartbeatMs: number;
  private closed = false;

  constructor(
    private readonly links: LinksService,
    private readonly feed: LiveVisitFeed,
    private readonly adapterHost: HttpAdapterHost,
    @InjectConfig() config: BeaconConfig,
  ) {
    this.slots = new LiveStreamSlots(config.liveVisits.streamsPerUser);
    this.heartbeatMs = config.liveVisits.heartbeatMs;
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('preClose', (done) => {
      this.closeAll();
      done();
    });
  }

  /** The stream's body, for the reply; throws LinkNotFoundError or TooManyLiveStreamsError. */
  async open(slug: string, caller: AuthenticatedUser, lastEventId?: string): Promise<Readable> {
    const link = await this.links.getManaged(slug, caller);
    const release = this.slots.take(caller.id);
    let unfollow = (): void => undefined;
    const stream = new LiveStream(this.heartbeatMs, () => {
      unfollow();
      release();
      this.streams.delete(stream);
    });
    this.streams.add(stream);
    // Sent at once: Fastify writes the status and headers with the first bytes of a stream.
    stream.write(sseRetry(RECONNECT_AFTER_MS));
    unfollow = this.feed.follow(link.id, lastEventId, ({ id, visit }) =>
      stream.write(sseEvent(id, 'visit', visit)),
    );
    // Opened while the server closes (the link was being read): ends after its first bytes.
    if (this.closed) stream.close();
    return stream.body;
  }

  private closeAll(): void {
    this.closed = true;
    for (const stream of this.streams) stream.close();
  }
}
