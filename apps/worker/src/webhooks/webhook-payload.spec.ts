import { createEnvelope, linkVisited } from '@beacon/messaging';
import { describe, expect, it } from 'vitest';
import { deliveryId, webhookPayload } from './webhook-payload';

describe('webhook payload', () => {
  it('sends a visit without its referrer, user agent or visitor hash', () => {
    const event = createEnvelope(linkVisited, {
      linkId: '7',
      slug: 'abc',
      visitedAt: '2026-12-06T10:00:00.000Z',
      referrer: 'https://private.example/',
      userAgent: 'Agent/1',
      ipHash: 'a'.repeat(64),
    });
    expect(webhookPayload(event)).toEqual({
      id: event.id,
      type: 'link.visited',
      occurredAt: event.occurredAt,
      data: {
        linkId: '7',
        slug: 'abc',
        visitedAt: '2026-12-06T10:00:00.000Z',
        source: 'direct',
        withheld: false,
      },
    });
  });

  it('sends a withheld visit (GPC or DNT) as one without its source, and does not leak the address', () => {
    const event = createEnvelope(linkVisited, {
      linkId: '7',
      slug: 'abc',
      visitedAt: '2026-12-06T10:00:00.000Z',
      referrer: null,
      userAgent: null,
      withheld: true,
      bot: false,
    });
    expect(webhookPayload(event).data).toEqual({
      linkId: '7',
      slug: 'abc',
      visitedAt: '2026-12-06T10:00:00.000Z',
      source: null,
      withheld: true,
    });
    const tracked = createEnvelope(linkVisited, {
      linkId: '7',
      slug: 'abc',
      visitedAt: '2026-12-06T10:00:00.000Z',
      referrer: null,
      userAgent: null,
      ipHash: 'a'.repeat(64),
      clientIp: '193.0.6.139',
    });
    expect(JSON.stringify(webhookPayload(tracked))).not.toContain('193.0.6.139');
  });

  it('derives one delivery id per event and webhook, a valid UUID', () => {
    const event = '0b7f1c7e-3d1a-4d4b-9b8e-2f1f8f0f9a11';
    expect(deliveryId(event, '1')).toBe(deliveryId(event, '1'));
    expect(deliveryId(event, '1')).not.toBe(deliveryId(event, '2'));
    expect(deliveryId(event, '1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
