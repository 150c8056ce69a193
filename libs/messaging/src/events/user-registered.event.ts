import { z } from 'zod';
import { defineEvent } from '../event-contract';

/** Published when a user registers. */
export const userRegistered = defineEvent(
  'user.registered',
  1,
  z.object({
    /** Id of the new user. */
    userId: z.string().min(1).max(64),
  }),
);
