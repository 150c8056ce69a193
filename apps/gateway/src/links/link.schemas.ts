/** zod schemas of the links API's input; the validation pipe names each failing field. */
import { z } from 'zod';
import { jsonBody } from '../validation/json-body';
import { pageQueryShape } from '../pagination/page-query';
import { isoDateTimeSchema } from '../validation/storable-date';
import { isReservedSlug, SLUG_PATTERN } from './link-slug';
import { queryParameters } from '../validation/query-parameters';
import { tagFilterSchema, tagListSchema } from './tags/link-tag.schemas';

const MAX_URL_LENGTH = 2048;

export const targetUrlSchema = z
  .string({ error: 'required, a string' })
  .trim()
  .min(1, 'required')
  .max(MAX_URL_LENGTH, `at most ${MAX_URL_LENGTH} characters`)
  .transform((value, ctx) => {
    const problem = targetUrlProblem(value);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return new URL(value).href;
  });

/** Only absolute http(s) URLs with a host and without credentials may be shortened. */
function targetUrlProblem(value: string): string | undefined {
  if (/[\p{Cc}\s]/u.test(value)) return 'must not contain spaces or control characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https';
  if (!url.hostname) return 'must have a host';
  if (url.username || url.password) return 'must not contain credentials';
  if (url.href.length > MAX_URL_LENGTH) return `at most ${MAX_URL_LENGTH} characters once encoded`;
  return undefined;
}

export const slugSchema = z
  .string({ error: 'must be a string' })
  .regex(SLUG_PATTERN, 'must be 3-64 characters of A-Z, a-z, 0-9, _ or -')
  .refine((slug) => !isReservedSlug(slug), 'is reserved');

const expiresAtSchema = isoDateTimeSchema.refine(
  (date) => date.getTime() > Date.now(),
  'must be in the future',
);

const maxVisitsSchema = z
  .number({ error: 'must be an integer' })
  .int('must be an integer')
  .min(1, 'must be at least 1')
  .max(1_000_000_000, 'must be at most 1000000000');

export const MIN_LINK_PASSWORD_LENGTH = 4;
export const MAX_LINK_PASSWORD_LENGTH = 256;

/** A link's password: shared with the people the link is for, so shorter than an account's. */
const linkPasswordSchema = z
  .string({ error: 'must be a string' })
  .min(MIN_LINK_PASSWORD_LENGTH, `at least ${MIN_LINK_PASSWORD_LENGTH} characters`)
  .max(MAX_LINK_PASSWORD_LENGTH, `at most ${MAX_LINK_PASSWORD_LENGTH} characters`);

export const createLinkSchema = jsonBody({
  url: targetUrlSchema,
  slug: slugSchema.optional(),
  expiresAt: expiresAtSchema.optional(),
  maxVisits: maxVisitsSchema.optional(),
  password: linkPasswordSchema.optional(),
  tags: tagListSchema.optional(),
});

export type CreateLinkInput = z.infer<typeof createLinkSchema>;

/**
 * A PATCH: the fields to change; `null` removes an expiry, a visit limit or a password; `tags`
 * replaces the link's tags (`[]` removes them all).
 */
export const updateLinkSchema = jsonBody({
  url: targetUrlSchema.optional(),
  expiresAt: expiresAtSchema.nullable().optional(),
  maxVisits: maxVisitsSchema.nullable().optional(),
  password: linkPasswordSchema.nullable().optional(),
  tags: tagListSchema.optional(),
}).refine(
  (patch) => Object.keys(patch).length > 0,
  'must change url, expiresAt, maxVisits, password or tags',
);

export type UpdateLinkInput = z.infer<typeof updateLinkSchema>;

const MAX_SEARCH_LENGTH = 200;

/**
 * `GET /api/links?page=&limit=&tag=&q=`: a page of the caller's links carrying every `tag`, and
 * with `q`, those whose slug or URL contains it.
 */
export const linkListQuerySchema = queryParameters(
  {
    ...pageQueryShape,
    tag: tagFilterSchema.optional(),
    q: z
      .string({ error: 'must be one string' })
      .trim()
      .min(1, 'must not be empty')
      .max(MAX_SEARCH_LENGTH, `at most ${MAX_SEARCH_LENGTH} characters`)
      .optional()
      .describe('Text the slug or the URL contains (any case)'),
  },
  ['tag'],
);

export type LinkListQuery = z.infer<typeof linkListQuerySchema>;
