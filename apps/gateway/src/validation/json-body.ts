/**
 * The schema of a JSON request body: an object with exactly these fields. Unknown fields are
 * refused by name ("Unrecognized key"); anything that is not an object says so.
 */
import { z } from 'zod';

export const jsonBody = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : 'must be a JSON object'),
  });
