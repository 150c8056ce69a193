import { z } from 'zod';
import { defineEvent } from '../event-contract';

/** Published when a short link is created. */
export const linkCreated = defineEvent(
  'link.created',
  1,
  z.object({
    /** Id of the new link (decimal string: a BIGINT). */
    linkId: z.string().regex(/^\d{1,20}$/),
    /** Its slug, the path of the short URL. */
    slug: z.string().min(1).max(64),
    /** Where the short URL redirects. */
    targetUrl: z.string().max(2048),
    /** Owner's user id, or null for anonymous links. */
    ownerId: z
      .string()
      .regex(/^\d{1,20}$/)
      .nullable(),
  }),
);
