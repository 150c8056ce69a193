/**
 * What an operator does with a consumer's dead queue (`${prefix}.<consumer>.dead`): look at the
 * messages and why they died, send them back to the consumer's queue once the cause is fixed
 * (the consumer is idempotent per event id, so a replayed event is stored once), or drop them.
 */
import {
  ATTEMPT_HEADER,
  DEATH_REASON_HEADER,
  LAST_ERROR_HEADER,
  type RabbitTopology,
} from '@beacon/messaging';
import type { ConfirmChannel, GetMessage } from 'amqplib';

/** On a replayed copy: when it left the dead queue. */
export const REPLAYED_AT_HEADER = 'x-beacon-replayed-at';

const PREVIEW_LENGTH = 200;

export interface DeadLetter {
  reason: string;
  type: string | undefined;
  messageId: string | undefined;
  /** The first characters of the body. */
  preview: string;
}

export class DeadLetterQueue {
  constructor(
    private readonly channel: ConfirmChannel,
    private readonly topology: RabbitTopology,
    private readonly consumer: string,
  ) {}

  get name(): string {
    return this.topology.deadQueue(this.consumer);
  }

  async count(): Promise<number> {
    return (await this.channel.checkQueue(this.name)).messageCount;
  }

  /**
   * Up to `limit` messages, left in the queue: they are taken unacknowledged and returned.
   * Each look counts as a delivery of the message to the broker.
   */
  async list(limit: number): Promise<DeadLetter[]> {
    const taken: GetMessage[] = [];
    try {
      for (let message = await this.take(); message; message = await this.take()) {
        taken.push(message);
        if (taken.length >= limit) break;
      }
    } finally {
      if (taken.length > 0) this.channel.nackAll(true);
    }
    return taken.map(describe);
  }

  /**
   * Sends up to `limit` of the messages there now back to the consumer's queue, oldest first,
   * without their death headers, each confirmed by the broker before it leaves the dead queue.
   */
  async replay(limit: number): Promise<number> {
    const present = Math.min(await this.count(), limit);
    let replayed = 0;
    while (replayed < present) {
      const message = await this.take();
      if (!message) break;
      this.channel.sendToQueue(this.topology.queue(this.consumer), message.content, {
        ...message.properties,
        persistent: true,
        headers: replayHeaders(message.properties.headers),
      });
      await this.channel.waitForConfirms();
      this.channel.ack(message);
      replayed++;
    }
    return replayed;
  }

  /** Drops every message; returns how many there were. */
  async purge(): Promise<number> {
    return (await this.channel.purgeQueue(this.name)).messageCount;
  }

  private async take(): Promise<GetMessage | undefined> {
    return (await this.channel.get(this.name, { noAck: false })) || undefined;
  }
}

function describe(message: GetMessage): DeadLetter {
  const { headers, type, messageId } = message.properties;
  return {
    reason: String(headers?.[DEATH_REASON_HEADER] ?? 'unknown'),
    type: (type as string | undefined) ?? envelopeType(message.content),
    messageId: messageId as string | undefined,
    preview: message.content.toString('utf8', 0, PREVIEW_LENGTH),
  };
}

/** The `type` of the (first) envelope in the body, for messages published without one. */
function envelopeType(content: Buffer): string | undefined {
  try {
    const body: unknown = JSON.parse(content.toString('utf8'));
    const first: unknown = Array.isArray(body) ? body[0] : body;
    const type = (first as { type?: unknown } | null)?.type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}

const DEATH_HEADERS = [ATTEMPT_HEADER, DEATH_REASON_HEADER, LAST_ERROR_HEADER];

function replayHeaders(headers: Record<string, unknown> = {}): Record<string, unknown> {
  const kept = Object.entries(headers).filter(([name]) => !DEATH_HEADERS.includes(name));
  return { ...Object.fromEntries(kept), [REPLAYED_AT_HEADER]: new Date().toISOString() };
}
