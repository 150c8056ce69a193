/**
 * Turns a resolved redirect into a `link.visited` event. Fire-and-forget: the publisher
 * buffers while the broker is away, so a redirect never waits for RabbitMQ.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { EventPublisher, isoTimestamp, linkVisited } from '@beacon/messaging';
import { Injectable } from '@nestjs/common';
import type { CachedLink } from './link-cache.service';
import { VisitorHasher } from './visitor-hash';

export interface Visitor {
  ip: string;
  userAgent: string | undefined;
  referrer: string | undefined;
}

const MAX_REFERRER_LENGTH = 2048;
const MAX_USER_AGENT_LENGTH = 1024;

@Injectable()
export class VisitRecorder {
  private readonly hasher: VisitorHasher;

  constructor(
    private readonly publisher: EventPublisher,
    @InjectConfig() config: BeaconConfig,
  ) {
    this.hasher = new VisitorHasher(config.auth.jwtSecret);
  }

  record(link: CachedLink, visitor: Visitor, atMs = Date.now()): void {
    const userAgent = visitor.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null;
    const visitedAt = isoTimestamp(atMs);
    this.publisher.publish(
      linkVisited,
      {
        linkId: link.id,
        slug: link.slug,
        visitedAt,
        referrer: visitor.referrer?.slice(0, MAX_REFERRER_LENGTH) ?? null,
        userAgent,
        ipHash: this.hasher.hash(visitor.ip, userAgent ?? '', visitedAt.slice(0, 10)),
      },
      atMs,
    );
  }
}
