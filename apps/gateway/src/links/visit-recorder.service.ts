/**
 * Turns resolved redirects into `link.visited` events. Fire-and-forget: the publisher buffers
 * while the broker is away, so a redirect never waits for RabbitMQ.
 *
 * A redirect only notes its visit; the events are built (visitor hash included) once the
 * current turn of the event loop is over, for every visit of that turn in one loop. Measured on
 * the redirect (docs/benchmarks.md), the same work costs markedly less CPU in a tight loop than
 * spread between requests, where each visit found the hashing and publishing code cold.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { EventPublisher, isoTimestamp, linkVisited } from '@beacon/messaging';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { CachedLink } from './link-cache.service';
import { VisitorHasher } from './visitor-hash';

export interface Visitor {
  ip: string;
  userAgent: string | undefined;
  referrer: string | undefined;
}

interface Visit {
  link: CachedLink;
  visitor: Visitor;
  atMs: number;
}

const MAX_REFERRER_LENGTH = 2048;
const MAX_USER_AGENT_LENGTH = 1024;

@Injectable()
export class VisitRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger(VisitRecorder.name);
  private readonly hasher: VisitorHasher;
  private pending: Visit[] = [];

  constructor(
    private readonly publisher: EventPublisher,
    @InjectConfig() config: BeaconConfig,
  ) {
    this.hasher = new VisitorHasher(config.auth.jwtSecret);
  }

  record(link: CachedLink, visitor: Visitor, atMs = Date.now()): void {
    this.pending.push({ link, visitor, atMs });
    if (this.pending.length === 1) setImmediate(() => this.publishPending());
  }

  /** Visits noted in the turn that received the signal still reach the publisher's buffer. */
  beforeApplicationShutdown(): void {
    this.publishPending();
  }

  private publishPending(): void {
    const visits = this.pending;
    this.pending = [];
    for (const visit of visits) {
      try {
        this.publish(visit);
      } catch (error) {
        // Outside of any request, a throw would end the process and every visit after it.
        this.logger.error(`cannot publish a visit of ${visit.link.slug}: ${String(error)}`);
      }
    }
  }

  private publish({ link, visitor, atMs }: Visit): void {
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
