import { z } from 'zod';
import { defineEvent } from '../event-contract';

/**
 * Published once per link, by the first redirect that finds it past its expiry or out of
 * visits (a conditional UPDATE elects one gateway replica).
 */
export const linkExpired = defineEvent(
  'link.expired',
  1,
  z.object({
    /** Id of the expired link. */
    linkId: z.string().regex(/^\d{1,20}$/),
    /** Its slug. */
    slug: z.string().min(1).max(64),
    /** `expired`: past its expiry date; `exhausted`: its maximum of visits reached. */
    reason: z.enum(['expired', 'exhausted']),
  }),
);
