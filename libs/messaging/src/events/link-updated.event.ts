import { z } from 'zod';
import { defineEvent } from '../event-contract';

/**
 * Published when a short link is edited (target, expiry, visit limit or password). It names the
 * link only: a consumer that needs its new state reads it, so no field can go stale in a queue.
 */
export const linkUpdated = defineEvent(
  'link.updated',
  1,
  z.object({
    /** Id of the edited link. */
    linkId: z.string().regex(/^\d{1,20}$/),
    /** Its slug (a slug never changes). */
    slug: z.string().min(1).max(64),
  }),
);
