/**
 * Turns resolved redirects into `link.visited` events. VISIT_DELIVERY says when the redirect
 * answers: `buffered`, at once (fire-and-forget: the publisher buffers while the broker is away,
 * and a gateway killed with SIGKILL loses the visits it had not handed over yet); `confirmed`,
 * once the visit is durable (confirmed by the broker or stored in the outbox spool, within about
 * VISIT_CONFIRM_TIMEOUT_MS) or given up on: `record` then returns a promise to wait for, which
 * never rejects, so analytics being down never refuses a redirect.
 *
 * A visit whose visitor asked not to be tracked (privacy-signal.ts) leaves with its link, time
 * and bot flag only: no referrer, user agent, address or visitor hash. Otherwise the client's
 * address goes along for the worker to tell its country, and no further.
 *
 * A redirect only notes its visit; the events are built (visitor hash included) once the
 * current turn of the event loop is over, for every visit of that turn in one loop. Measured on
 * the redirect (docs/benchmarks.md), the same work costs markedly less CPU in a tight loop than
 * spread between requests, where each visit found the hashing and publishing code cold.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { EventPublisher, isoTimestamp, linkVisited } from '@beacon/messaging';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { isbot } from 'isbot';
import { isIP } from 'node:net';
import type { CachedLink } from './link-cache.service';
import { visitEventId } from './visit-event-id';
import { VisitorHasher } from './visitor-hash';
import type { VisitSource } from './visit-source';

export interface Visitor {
  ip: string;
  userAgent: string | undefined;
  referrer: string | undefined;
  /** `qr` when the short URL carried the QR code's flag (visit-source.ts). */
  source: VisitSource;
  /** `Sec-GPC: 1` or `DNT: 1` (privacy-signal.ts). */
  asksNotToBeTracked?: boolean;
  /** The request's id (X-Request-Id): a retried request makes the same event (visit-event-id.ts). */
  requestId?: string;
}

interface Visit {
  link: CachedLink;
  visitor: Visitor;
  atMs: number;
  durable?: () => void;
}

const MAX_REFERRER_LENGTH = 2048;
const MAX_USER_AGENT_LENGTH = 1024;

@Injectable()
export class VisitRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger(VisitRecorder.name);
  private readonly hasher: VisitorHasher;
  private readonly confirmed: boolean;
  private readonly honourPrivacySignals: boolean;
  private pending: Visit[] = [];

  constructor(
    private readonly publisher: EventPublisher,
    @InjectConfig() config: BeaconConfig,
  ) {
    this.hasher = new VisitorHasher(config.auth.jwtSecret);
    this.confirmed = config.visits.delivery === 'confirmed';
    this.honourPrivacySignals = config.visits.honourPrivacySignals;
  }

  /** In `confirmed` mode, resolves once the visit is durable or given up on. */
  record(link: CachedLink, visitor: Visitor, atMs = Date.now()): Promise<void> | undefined {
    if (!this.confirmed) return this.note({ link, visitor, atMs });
    return new Promise((durable) => this.note({ link, visitor, atMs, durable }));
  }

  /** Visits noted in the turn that received the signal still reach the publisher's buffer. */
  beforeApplicationShutdown(): void {
    this.publishPending();
  }

  private note(visit: Visit): undefined {
    this.pending.push(visit);
    if (this.pending.length === 1) setImmediate(() => this.publishPending());
    return undefined;
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
        visit.durable?.();
      }
    }
  }

  private publish({ link, visitor, atMs, durable }: Visit): void {
    const userAgent = visitor.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null;
    const visitedAt = isoTimestamp(atMs);
    const ipHash = this.hasher.hash(visitor.ip, userAgent ?? '', visitedAt.slice(0, 10));
    const id = visitor.requestId && visitEventId(visitor.requestId, link.id, ipHash);
    const visit = { linkId: link.id, slug: link.slug, visitedAt };
    const data =
      this.honourPrivacySignals && visitor.asksNotToBeTracked
        ? {
            ...visit,
            referrer: null,
            userAgent: null,
            withheld: true,
            bot: !userAgent || isbot(userAgent),
          }
        : {
            ...visit,
            referrer: visitor.referrer?.slice(0, MAX_REFERRER_LENGTH) ?? null,
            userAgent,
            ipHash,
            ...(isIP(visitor.ip) ? { clientIp: visitor.ip } : {}),
            source: visitor.source,
          };
    this.publisher.publish(linkVisited, data, atMs, { id, onDurable: durable });
  }
}
