import { createEnvelope, linkVisitStored } from '@beacon/messaging';
import { describe, expect, it } from 'vitest';
import { storedVisitOf } from './stored-visit';
import type { VisitRecord } from './visit-record';

const record: VisitRecord = {
  eventId: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b',
  linkId: '42',
  slug: 'launch',
  visitedAt: new Date('2026-12-01T10:00:00.000Z'),
  visitedDay: '2026-12-01',
  referrerHost: 'news.example.com',
  browser: 'Firefox',
  os: 'Linux',
  device: 'desktop',
  isBot: false,
  source: 'qr',
  country: 'NL',
  withheld: false,
  visitorHash: 'a'.repeat(64),
};

describe('storedVisitOf', () => {
  it("announces the visit's public fields under the link.visited event's id", () => {
    expect(storedVisitOf(record)).toEqual({
      linkId: '42',
      slug: 'launch',
      visitId: record.eventId,
      visitedAt: '2026-12-01T10:00:00.000Z',
      referrerHost: 'news.example.com',
      browser: 'Firefox',
      os: 'Linux',
      device: 'desktop',
      bot: false,
      source: 'qr',
      country: 'NL',
      withheld: false,
    });
  });

  it('keeps to the contract and never carries the visitor hash', () => {
    const envelope = createEnvelope(linkVisitStored, storedVisitOf(record));
    expect(JSON.stringify(envelope)).not.toContain(record.visitorHash);
  });
});
