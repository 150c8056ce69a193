/**
 * Turns a raw AMQP message body into validated envelopes. A body is one envelope or a JSON
 * array of them (see EventPublisher); each element is judged on its own, so one poison event
 * (not an envelope, an unknown type or version, data breaking the contract) does not sink the
 * others. Poison events keep their own content for the dead queue.
 */
import type { z } from 'zod';
import { eventEnvelopeSchema, type EventEnvelope } from './event-contract';
import { findEventContract } from './events/event-catalog';

export type InboundEvent =
  { valid: true; envelope: EventEnvelope } | { valid: false; reason: string; content: Buffer };

/** A bound on what one message may carry; publishers send at most 100. */
export const MAX_EVENTS_PER_INBOUND_MESSAGE = 1_000;

export function parseInboundMessage(body: Buffer): InboundEvent[] {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return [poison('body is not JSON', body)];
  }
  if (!Array.isArray(json)) return [parseEnvelope(json, () => body)];
  if (json.length === 0) return [poison('empty batch', body)];
  if (json.length > MAX_EVENTS_PER_INBOUND_MESSAGE) {
    return [
      poison(`batch of ${json.length} events exceeds ${MAX_EVENTS_PER_INBOUND_MESSAGE}`, body),
    ];
  }
  return json.map((item) => parseEnvelope(item, () => Buffer.from(JSON.stringify(item))));
}

function parseEnvelope(json: unknown, content: () => Buffer): InboundEvent {
  const envelope = eventEnvelopeSchema.safeParse(json);
  if (!envelope.success) return poison(describe('envelope', envelope.error), content());
  const contract = findEventContract(envelope.data.type);
  if (!contract) return poison(`unknown event type ${envelope.data.type}`, content());
  if (envelope.data.version > contract.version) {
    return poison(`unsupported version ${envelope.data.version} of ${contract.type}`, content());
  }
  const data = contract.data.safeParse(envelope.data.data);
  if (!data.success) return poison(describe('data', data.error), content());
  return { valid: true, envelope: { ...envelope.data, data: data.data } };
}

function poison(reason: string, content: Buffer): InboundEvent {
  return { valid: false, reason, content };
}

function describe(part: string, error: z.ZodError): string {
  const fields = error.issues.map(
    (issue) => `${[part, ...issue.path].join('.')}: ${issue.message}`,
  );
  return `invalid ${part}: ${fields.join('; ')}`;
}
