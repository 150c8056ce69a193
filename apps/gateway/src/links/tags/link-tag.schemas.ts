/**
 * zod schemas of link tags: a link's `tags` in a body, the `?tag=` filter of the list, and the
 * answer of `GET /api/tags`.
 * Tags are case-insensitive: `Work` is accepted and stored as `work`, so one tag never shows
 * up twice under two spellings.
 */
import { z } from 'zod';

export const MAX_TAGS_PER_LINK = 10;

/** Checked as typed (ASCII only), then lower-cased. */
const TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

export const tagSchema = z
  .string({ error: 'must be a string' })
  .regex(
    TAG_PATTERN,
    'must be 1-32 characters of a-z, 0-9, "-" or "_", the first a letter or digit',
  )
  .transform((tag) => tag.toLowerCase());

/** A link's tags: duplicates collapse, at most MAX_TAGS_PER_LINK remain, sorted. */
export const tagListSchema = z
  .array(tagSchema, { error: 'must be an array of tags' })
  .refine((tags) => new Set(tags).size <= MAX_TAGS_PER_LINK, `at most ${MAX_TAGS_PER_LINK} tags`)
  .transform((tags) => [...new Set(tags)].sort());

/** `?tag=a&tag=b` (links carrying all of them): one value arrives as a string, several as an array. */
export const tagFilterSchema = z.preprocess(
  (value) => (typeof value === 'string' ? [value] : value),
  tagListSchema,
);

export const tagCountsSchema = z.array(
  z.strictObject({ name: z.string(), links: z.int().min(1).describe('Live links carrying it') }),
);

export type TagCount = z.infer<typeof tagCountsSchema>[number];
