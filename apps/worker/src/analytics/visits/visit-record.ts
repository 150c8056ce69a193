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
  /**
   * The visit asked not to be tracked (GPC or DNT): it is counted, as a bot's or a human's,
   * and every field below that could describe the visitor is null.
   */
  withheld: boolean;
  isBot: boolean;
  /** Host of the referrer, or null for direct visits. */
  referrerHost: string | null;
  browser: string | null;
  os: string | null;
  device: string | null;
  /** `qr` for a scan of the link's QR code; events without a source were direct visits. */
  source: 'qr' | 'direct' | null;
  /** ISO 3166-1 alpha-2, or null when unknown (or withheld). */
  country: string | null;
  visitorHash: string | null;
}
