import { z } from 'zod';
import { defineEvent } from '../event-contract';

/** Published when a short link is deleted (soft: its slug stays taken). */
export const linkDeleted = defineEvent(
  'link.deleted',
  1,
  z.object({
    /** Id of the deleted link. */
    linkId: z.string().regex(/^\d{1,20}$/),
    /** Its slug. */
    slug: z.string().min(1).max(64),
  }),
);
