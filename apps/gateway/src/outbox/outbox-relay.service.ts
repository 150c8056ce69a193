/**
 * The outbox relay: publishes the events waiting in the outbox with publisher confirms, in `id`
 * order, and deletes each row once the broker confirmed its message. Only one replica relays at
 * a time (RelayLeadership), so no event is published twice by two relays; consumers stay
 * idempotent for the rare copy (a message confirmed after one that failed is sent again, so
 * that an aggregate's events never overtake each other).
 *
 * A commit on this replica wakes the relay at once; rows written by the other replicas, and
 * the publisher's spilled events (OutboxSpool), wait for the next poll (OUTBOX_POLL_INTERVAL_MS). While the broker is away, the rows wait and
 * `outbox_pending` grows; nothing is lost. The polling runs untraced (its SQL would otherwise
 * start a trace per poll); each message continues the trace of the request that wrote it.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { OutboxEventEntity } from '@beacon/database';
import { EventPublisher, RabbitConnection } from '@beacon/messaging';
import { gaugeOf, OUTBOX_PENDING, withoutTracing } from '@beacon/observability';
import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { toOutboxMessages, type OutboxMessage } from './outbox-messages';
import { OUTBOX_SIZE_SQL, outboxSizeOf } from './outbox-size';
import { RelayLeadership } from './relay-leadership';

/**
 * Rows read per round; a full batch starts the next round at once. A round waits for its
 * confirms, so bigger rounds drain a backlog faster: 200,000 spilled rows drained at about
 * 26,000 rows/s with 500 a round, 46,000 with 2,000 and 45,000 with 10,000, which also held
 * 50-100 MB more of the gateway's memory under load (docs/benchmarks.md).
 */
const RELAY_BATCH_ROWS = 2_000;
/** After a failed round (broker or database away), the next one waits at least this long. */
const RETRY_DELAY_MS = 1_000;
const FAILURE_LOG_INTERVAL_MS = 10_000;

/** `waiting`: the broker is disconnected (its connection logs that), so nothing was sent. */
type RoundOutcome = 'more' | 'done' | 'waiting' | 'failed' | 'standby';

@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly leadership: RelayLeadership;
  private readonly pollIntervalMs: number;
  private readonly pendingGauge = gaugeOf(OUTBOX_PENDING);
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private wakeRequested = false;
  private stopped = false;
  private lastFailureLoggedAt = 0;
  /** Only the relaying replica reports the outbox; the others export 0. */
  private reportsPending = false;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @InjectRepository(OutboxEventEntity) private readonly outbox: Repository<OutboxEventEntity>,
    private readonly publisher: EventPublisher,
    private readonly broker: RabbitConnection,
    @InjectConfig() config: BeaconConfig,
  ) {
    this.leadership = new RelayLeadership(dataSource, config.database.name);
    this.pollIntervalMs = config.outbox.pollIntervalMs;
    this.pendingGauge.set(0);
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Events were just committed: relay them now rather than at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.round) this.wakeRequested = true;
    else this.schedule(0);
  }

  /** Finishes the round in progress and hands the relay over to another replica. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
    await this.leadership.release();
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.runRound(), delayMs);
  }

  private runRound(): void {
    this.wakeRequested = false;
    this.round = withoutTracing(() => this.relayBatch())
      .catch((error: unknown) => this.failed(error))
      .then((outcome) => {
        this.round = undefined;
        if (!this.stopped) this.schedule(this.delayAfter(outcome));
      });
  }

  private delayAfter(outcome: RoundOutcome): number {
    if (outcome === 'more') return 0;
    if (outcome === 'failed' || outcome === 'waiting') {
      return Math.max(RETRY_DELAY_MS, this.pollIntervalMs);
    }
    return this.wakeRequested ? 0 : this.pollIntervalMs;
  }

  private async relayBatch(): Promise<RoundOutcome> {
    if (!(await this.leadership.hold())) return this.standBy();
    this.reportsPending = true;
    const rows = await this.outbox.find({
      select: { id: true, type: true, envelope: true, requestId: true, traceparent: true },
      order: { id: 'ASC' },
      take: RELAY_BATCH_ROWS,
    });
    const pending =
      rows.length < RELAY_BATCH_ROWS
        ? rows.length
        : outboxSizeOf(await this.outbox.query(OUTBOX_SIZE_SQL));
    this.pendingGauge.set(pending);
    // Rather than queue messages for a connection that is not there (each would wait out its
    // confirm timeout): the next round looks again, and keeps the gauge current meanwhile.
    if (rows.length > 0 && !this.broker.isConnected()) return 'waiting';
    const sent = await this.publishInOrder(toOutboxMessages(rows));
    if (sent.length > 0) await this.outbox.delete(sent);
    this.pendingGauge.set(pending - sent.length);
    if (sent.length < rows.length) return 'failed';
    return rows.length === RELAY_BATCH_ROWS ? 'more' : 'done';
  }

  private standBy(): RoundOutcome {
    if (this.reportsPending) this.pendingGauge.set(0);
    this.reportsPending = false;
    return 'standby';
  }

  /**
   * Sends every message at once (one channel keeps them in order) and returns the rows whose
   * messages the broker confirmed before the first failure. The rows after it, confirmed or
   * not, stay for the next round.
   */
  private async publishInOrder(messages: OutboxMessage[]): Promise<string[]> {
    const results = await Promise.allSettled(
      messages.map(({ type, envelopes, origin }) => this.publisher.relay(type, envelopes, origin)),
    );
    const firstFailure = results.findIndex((result) => result.status === 'rejected');
    if (firstFailure === -1) return messages.flatMap((message) => message.rowIds);
    this.failed((results[firstFailure] as PromiseRejectedResult).reason);
    return messages.slice(0, firstFailure).flatMap((message) => message.rowIds);
  }

  private failed(error: unknown): RoundOutcome {
    const now = Date.now();
    if (now - this.lastFailureLoggedAt >= FAILURE_LOG_INTERVAL_MS) {
      this.lastFailureLoggedAt = now;
      this.logger.warn(`outbox relay: ${(error as Error).message ?? String(error)}; retrying`);
    }
    return 'failed';
  }
}
