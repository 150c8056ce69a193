import { z } from 'zod';
import { defineEvent } from '../event-contract';

/**
 * Published by the worker once a visit is stored (its batch committed), for what follows visits
 * as they happen: every gateway replica's live streams. Best-effort: a visit stored while the
 * broker is away may never be announced, so nothing may count visits from this event.
 * Carries the stored visit's public fields only: no visitor hash, no address, no user agent. A
 * withheld visit (GPC or DNT) carries its time and bot flag, its other fields null.
 */
export const linkVisitStored = defineEvent(
  'link.visit.stored',
  1,
  z.object({
    /** Id of the visited link (decimal string: a BIGINT). */
    linkId: z.string().regex(/^\d{1,20}$/),
    /** The link's slug. */
    slug: z.string().min(1).max(64),
    /** Envelope id of the link.visited event: the visit's stable id, the same on every replica. */
    visitId: z.uuid(),
    /** When the redirect was answered (ISO 8601). */
    visitedAt: z.iso.datetime({ offset: true }),
    /** Host of the referrer, or null for a direct visit. */
    referrerHost: z.string().max(255).nullable(),
    /** Browser family (`unknown` when the user agent does not say; null when withheld). */
    browser: z.string().max(64).nullable(),
    /** Operating system (`unknown` when the user agent does not say; null when withheld). */
    os: z.string().max(64).nullable(),
    /** `desktop`, `mobile`, `tablet`... or `unknown` (null when withheld). */
    device: z.string().max(32).nullable(),
    /** True when the user agent is a bot's (or missing). */
    bot: z.boolean(),
    /** `qr` for a scan of the link's QR code, `direct` otherwise (null when withheld). */
    source: z.enum(['qr', 'direct']).nullable(),
    /** ISO 3166-1 alpha-2, or null when unknown or withheld. */
    country: z.string().length(2).nullable(),
    /** The visit asked not to be tracked (Sec-GPC or DNT): counted, nothing else kept. */
    withheld: z.boolean(),
  }),
);
