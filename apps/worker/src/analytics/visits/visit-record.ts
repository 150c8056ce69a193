/** A visit as the analytics store keeps it: classified, with no raw IP or user agent. */
export interface VisitRecord {
  /** Envelope id of the link.visited event: the idempotency key. */
  eventId: string;
  linkId: string;
  /** The link's slug (not stored with the visit: announced with it, link.visit.stored). */
  slug: string;
  visitedAt: Date;
  /** UTC day of visitedAt, YYYY-MM-DD. */
  visitedDay: string;
  /** Host of the referrer, or null for direct visits. */
  referrerHost: string | null;
  browser: string;
  os: string;
  device: string;
  isBot: boolean;
  /** `qr` for a scan of the link's QR code; events without a source were direct visits. */
  source: 'qr' | 'direct';
  visitorHash: string;
}
