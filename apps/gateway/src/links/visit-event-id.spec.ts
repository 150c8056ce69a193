import { eventEnvelopeSchema } from '@beacon/messaging';
import { describe, expect, it } from 'vitest';
import { visitEventId } from './visit-event-id';

describe('visitEventId', () => {
  it('gives a retried request the same id, and another request or link another', () => {
    const id = visitEventId('request-1', '7', 'hash');
    expect(visitEventId('request-1', '7', 'hash')).toBe(id);
    expect(visitEventId('request-2', '7', 'hash')).not.toBe(id);
    expect(visitEventId('request-1', '8', 'hash')).not.toBe(id);
    expect(visitEventId('request-1', '7', 'other day')).not.toBe(id);
  });

  it('is a UUID the envelope schema accepts', () => {
    const id = visitEventId('request-1', '7', 'hash');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(eventEnvelopeSchema.shape.id.safeParse(id).success).toBe(true);
  });
});
