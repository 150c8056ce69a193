import type { ConsumeMessage } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { createEnvelope } from './event-contract';
import { linkDeleted } from './events/link-deleted.event';
import { parseInboundEvent } from './inbound-event';

const message = (content: string | object): ConsumeMessage =>
  ({
    content: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)),
  }) as ConsumeMessage;

const valid = createEnvelope(linkDeleted, { linkId: '7', slug: 'gone' });

describe('parseInboundEvent', () => {
  it('accepts an envelope whose data matches its contract', () => {
    expect(parseInboundEvent(message(valid))).toEqual({ valid: true, envelope: valid });
  });

  it.each([
    ['not JSON', '{oops', 'body is not JSON'],
    ['an envelope without id', { ...valid, id: undefined }, 'invalid envelope: envelope.id'],
    ['a non-uuid id', { ...valid, id: 'x' }, 'invalid envelope: envelope.id'],
    [
      'an unknown type',
      { ...valid, type: 'link.teleported' },
      'unknown event type link.teleported',
    ],
    ['a newer version', { ...valid, version: 2 }, 'unsupported version 2 of link.deleted'],
    [
      'data breaking the contract',
      { ...valid, data: { linkId: 'x' } },
      'invalid data: data.linkId',
    ],
    ['a JSON array', '[]', 'invalid envelope'],
  ])('calls %s poison, with the reason', (_case, content, reason) => {
    const result = parseInboundEvent(message(content));
    expect(result.valid).toBe(false);
    expect(!result.valid && result.reason).toContain(reason);
  });
});
