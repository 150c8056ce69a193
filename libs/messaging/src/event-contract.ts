/**
 * The envelope every Beacon event travels in, and the shape of an event contract: a routing
 * key (`type`), a schema version and a zod schema of `data`. Publishers and consumers validate
 * against the same contract.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isoTimestamp } from './iso-timestamp';

export interface EventContract<TType extends string = string, TData extends z.ZodType = z.ZodType> {
  /** Routing key on the events exchange, e.g. `link.visited`. */
  readonly type: TType;
  /** Bumped on breaking changes of `data`; consumers refuse versions newer than they know. */
  readonly version: number;
  readonly data: TData;
}

export type EventData<C extends EventContract> = z.infer<C['data']>;

export function defineEvent<TType extends string, TData extends z.ZodType>(
  type: TType,
  version: number,
  data: TData,
): EventContract<TType, TData> {
  return { type, version, data };
}

export const eventEnvelopeSchema = z.object({
  /** Unique per event; consumers are idempotent on it. Also the AMQP message_id. */
  id: z.uuid(),
  /** The contract's routing key. */
  type: z.string().min(1).max(128),
  /** The contract's version when the event was published. */
  version: z.number().int().positive(),
  /** When the fact happened (ISO 8601), not when it was published. */
  occurredAt: z.iso.datetime({ offset: true }),
  data: z.unknown(),
});

export type EventEnvelope<TData = unknown> = Omit<z.infer<typeof eventEnvelopeSchema>, 'data'> & {
  data: TData;
};

/**
 * Validates `data` against the contract (a bad event is a bug of the publisher) and wraps it.
 * `occurredAtMs` is when the fact happened, in epoch milliseconds; `id` is given when a retry of
 * the same fact must come out as the same event (consumers keep one).
 */
export function createEnvelope<C extends EventContract>(
  contract: C,
  data: EventData<C>,
  occurredAtMs: number = Date.now(),
  id: string = randomUUID(),
): EventEnvelope<EventData<C>> {
  return {
    id,
    type: contract.type,
    version: contract.version,
    occurredAt: isoTimestamp(occurredAtMs),
    data: contract.data.parse(data) as EventData<C>,
  };
}

/** The body of a message carrying these envelopes: one object, or an array of several. */
export function encodeEnvelopes(envelopes: EventEnvelope[]): Buffer {
  return Buffer.from(JSON.stringify(envelopes.length === 1 ? envelopes[0] : envelopes));
}
