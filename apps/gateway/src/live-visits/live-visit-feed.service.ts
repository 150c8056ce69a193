/**
 * This replica's feed of stored visits: a queue of its own (openReplicaEventQueue) receives
 * every link.visit.stored, keeps it for replay (LiveVisitBuffer) and hands it to the streams
 * open on its link. A visit lost on the way (the broker away) is only missing from the streams:
 * the stats, read from MySQL, still count it.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import {
  linkVisitStored,
  openReplicaEventQueue,
  RabbitConnection,
  type ReplicaEventQueue,
} from '@beacon/messaging';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { LiveVisitBuffer, type BufferedVisit } from './live-visit-buffer';
import { liveVisitOf, type LiveVisit } from './live-visit.view';

export type LiveVisitListener = (visit: BufferedVisit<LiveVisit>) => void;

/** How often visits past the replay window are dropped, for links no one visits any more. */
const PRUNE_INTERVAL_MS = 60_000;

@Injectable()
export class LiveVisitFeed implements OnModuleInit, OnModuleDestroy {
  private readonly buffer: LiveVisitBuffer<LiveVisit>;
  private readonly listeners = new Map<string, Set<LiveVisitListener>>();
  private queue: ReplicaEventQueue | undefined;
  private pruner: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: RabbitConnection,
    @InjectConfig() config: BeaconConfig,
  ) {
    const { replayMs, replayPerLink } = config.liveVisits;
    this.buffer = new LiveVisitBuffer(replayMs, replayPerLink);
  }

  onModuleInit(): void {
    this.queue = openReplicaEventQueue(this.connection, {
      name: 'live-visits',
      contracts: [linkVisitStored],
      onEvent: ({ data }) => this.receive(data.linkId, liveVisitOf(data)),
    });
    this.pruner = setInterval(() => this.buffer.prune(), PRUNE_INTERVAL_MS).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.pruner);
    await this.queue?.close();
  }

  /**
   * Calls `listener` with each new visit of the link, after the visits kept since `lastId` (a
   * resumed stream's Last-Event-ID), all on this tick so none falls between. Returns the
   * unsubscribe function.
   */
  follow(linkId: string, lastId: string | undefined, listener: LiveVisitListener): () => void {
    if (lastId !== undefined) this.buffer.after(linkId, lastId).forEach(listener);
    const listeners = this.listeners.get(linkId) ?? new Set();
    this.listeners.set(linkId, listeners.add(listener));
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.listeners.get(linkId) === listeners) {
        this.listeners.delete(linkId);
      }
    };
  }

  private receive(linkId: string, visit: LiveVisit): void {
    const kept = this.buffer.add(linkId, visit.visitId, visit);
    if (!kept) return;
    for (const listener of this.listeners.get(linkId) ?? []) listener(kept);
  }
}
