import { z } from 'zod';
import { defineEvent } from '../event-contract';

/**
 * Published on every redirect that resolves. The client's address travels only so that the
 * worker can tell its country, which is all it keeps of it. A visit that asked not to be
 * tracked (`withheld`: GPC or DNT) carries no address, referrer, user agent or visitor hash:
 * only whether a bot made it.
 */
export const linkVisited = defineEvent(
  'link.visited',
  1,
  z
    .object({
      /** Id of the visited link (decimal string: a BIGINT). */
      linkId: z.string().regex(/^\d{1,20}$/),
      /** The slug that was requested. */
      slug: z.string().min(1).max(64),
      /** When the redirect was answered (ISO 8601). */
      visitedAt: z.iso.datetime({ offset: true }),
      /** The Referer header as sent (truncated), or null (always null when withheld). */
      referrer: z.string().max(2048).nullable(),
      /** The User-Agent header as sent (truncated), or null (always null when withheld). */
      userAgent: z.string().max(1024).nullable(),
      /**
       * Hex SHA-256 HMAC of IP and user agent under a salt that changes every UTC day; absent
       * when withheld.
       */
      ipHash: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
      /** The client's address (under TRUST_PROXY), for its country only; absent when withheld. */
      clientIp: z.string().max(64).optional(),
      /** The request carried `Sec-GPC: 1` or `DNT: 1` (and PRIVACY_HONOUR_GPC is on). */
      withheld: z.boolean().optional(),
      /** Withheld visits only: whether the user agent was a bot's (the agent itself stays behind). */
      bot: z.boolean().optional(),
      /**
       * How the visitor came: `qr` when the short URL carried `?qr=1` (as the link's QR code
       * does), `direct` otherwise. Absent from events published before QR codes: read it as `direct`.
       */
      source: z.enum(['qr', 'direct']).optional(),
    })
    .refine((visit) => visit.withheld === true || visit.ipHash !== undefined, {
      message: 'ipHash is required unless the visit is withheld',
      path: ['ipHash'],
    }),
);
