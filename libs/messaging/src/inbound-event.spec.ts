import { describe, expect, it } from 'vitest';
import { createEnvelope, encodeEnvelopes } from './event-contract';
import { linkDeleted } from './events/link-deleted.event';
import { parseInboundMessage } from './inbound-event';

const body = (content: string | object) =>
  Buffer.from(typeof content === 'string' ? content : JSON.stringify(content));

const valid = createEnvelope(linkDeleted, { linkId: '7', slug: 'gone' });

describe('parseInboundMessage', () => {
  it('accepts one envelope whose data matches its contract', () => {
    expect(parseInboundMessage(body(valid))).toEqual([{ valid: true, envelope: valid }]);
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
    ['an empty batch', '[]', 'empty batch'],
    ['a batch over the bound', Array(1_001).fill(valid), 'exceeds 1000'],
  ])('calls %s poison, with the reason', (_case, content, reason) => {
    const [event, ...rest] = parseInboundMessage(body(content));
    expect(rest).toEqual([]);
    expect(event.valid).toBe(false);
    expect(!event.valid && event.reason).toContain(reason);
  });

  it('judges each envelope of a batch on its own, keeping the poison one for the dead queue', () => {
    const other = createEnvelope(linkDeleted, { linkId: '8', slug: 'also-gone' });
    const broken = { ...valid, data: { slug: 'x' } };
    const events = parseInboundMessage(body([valid, broken, other]));
    expect(events.map((event) => event.valid)).toEqual([true, false, true]);
    expect(!events[1].valid && JSON.parse(events[1].content.toString())).toEqual(broken);
  });

  it('reads back what encodeEnvelopes writes', () => {
    const other = createEnvelope(linkDeleted, { linkId: '8', slug: 'also-gone' });
    expect(JSON.parse(encodeEnvelopes([valid]).toString())).toEqual(valid);
    expect(parseInboundMessage(encodeEnvelopes([valid, other]))).toEqual([
      { valid: true, envelope: valid },
      { valid: true, envelope: other },
    ]);
  });
});
