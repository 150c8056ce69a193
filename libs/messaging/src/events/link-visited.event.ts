import { z } from 'zod';
import { defineEvent } from '../event-contract';

/** Published on every redirect that resolves. Carries no raw IP address. */
export const linkVisited = defineEvent(
  'link.visited',
  1,
  z.object({
    /** Id of the visited link (decimal string: a BIGINT). */
    linkId: z.string().regex(/^\d{1,20}$/),
    /** The slug that was requested. */
    slug: z.string().min(1).max(64),
    /** When the redirect was answered (ISO 8601). */
    visitedAt: z.iso.datetime({ offset: true }),
    /** The Referer header as sent (truncated), or null. */
    referrer: z.string().max(2048).nullable(),
    /** The User-Agent header as sent (truncated), or null. */
    userAgent: z.string().max(1024).nullable(),
    /** Hex SHA-256 HMAC of IP and user agent under a salt that changes every UTC day. */
    ipHash: z.string().regex(/^[0-9a-f]{64}$/),
    /**
     * How the visitor came: `qr` when the short URL carried `?qr=1` (as the link's QR code
     * does), `direct` otherwise. Absent from events published before QR codes: read it as `direct`.
     */
    source: z.enum(['qr', 'direct']).optional(),
  }),
);
