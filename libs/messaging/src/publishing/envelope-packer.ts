/**
 * Validates queued event data against its contract and wraps it in envelopes, in one tight loop
 * per message: measured on the redirect, that costs less CPU than one envelope per request.
 * Data that breaks its contract is a publisher bug: logged, counted as `result="invalid"`, and
 * left out.
 */
import { Counted, EVENTS_PUBLISHED, type CallOutcome } from '@beacon/observability';
import { Logger } from '@nestjs/common';
import { createEnvelope, type EventContract, type EventEnvelope } from '../event-contract';

export interface QueuedEvent {
  contract: EventContract;
  data: unknown;
  occurredAtMs: number;
  /** The envelope's id, when the publisher chose it (PublishOptions). */
  id?: string;
}

/** What a publisher may add to an event. */
export interface PublishOptions {
  /** The envelope's id: the same fact published twice (a retried request) is one event. */
  id?: string;
  /** Called once the event is durable (confirmed, or in the spool), or given up on. */
  onDurable?: () => void;
}

export class EnvelopePacker {
  private readonly logger = new Logger('EventPublisher');

  pack(type: string, queued: readonly QueuedEvent[]): EventEnvelope[] {
    const envelopes: EventEnvelope[] = [];
    for (const event of queued) {
      try {
        envelopes.push(createEnvelope(event.contract, event.data, event.occurredAtMs, event.id));
      } catch (error) {
        this.refuse(type, error);
      }
    }
    return envelopes;
  }

  @Counted(EVENTS_PUBLISHED, {
    labels: ({ args: [type] }: CallOutcome<[string, unknown]>) => ({ type, result: 'invalid' }),
  })
  private refuse(type: string, error: unknown): void {
    this.logger.error(`refused a ${type} event that breaks its contract: ${String(error)}`);
  }
}
