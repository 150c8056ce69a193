/**
 * Turns a raw AMQP message into a validated envelope, or into the reason it is poison (a
 * message that no retry can fix: not JSON, not an envelope, an unknown type or version, data
 * that breaks the contract).
 */
import type { ConsumeMessage } from 'amqplib';
import type { z } from 'zod';
import { eventEnvelopeSchema, type EventEnvelope } from './event-contract';
import { findEventContract } from './events/event-catalog';

export type InboundEvent =
  { valid: true; envelope: EventEnvelope } | { valid: false; reason: string };

export function parseInboundEvent(message: ConsumeMessage): InboundEvent {
  let json: unknown;
  try {
    json = JSON.parse(message.content.toString('utf8'));
  } catch {
    return { valid: false, reason: 'body is not JSON' };
  }
  const envelope = eventEnvelopeSchema.safeParse(json);
  if (!envelope.success) return invalid('envelope', envelope.error);
  const contract = findEventContract(envelope.data.type);
  if (!contract) return { valid: false, reason: `unknown event type ${envelope.data.type}` };
  if (envelope.data.version > contract.version) {
    return {
      valid: false,
      reason: `unsupported version ${envelope.data.version} of ${contract.type}`,
    };
  }
  const data = contract.data.safeParse(envelope.data.data);
  if (!data.success) return invalid('data', data.error);
  return { valid: true, envelope: { ...envelope.data, data: data.data } };
}

function invalid(part: string, error: z.ZodError): InboundEvent {
  const fields = error.issues.map(
    (issue) => `${[part, ...issue.path].join('.')}: ${issue.message}`,
  );
  return { valid: false, reason: `invalid ${part}: ${fields.join('; ')}` };
}
