/** How a link looks in API responses (its schema is the API document's). */
import { z } from 'zod';
import type { TaggedLink } from './tags/tagged-link';

const isoTime = z.iso.datetime();

export const linkViewSchema = z
  .strictObject({
    slug: z.string(),
    shortUrl: z.url(),
    url: z.url(),
    expiresAt: isoTime.nullable(),
    maxVisits: z.int().nullable(),
    passwordProtected: z
      .boolean()
      .describe('Whether following it asks for a password (never shown itself)'),
    category: z
      .string()
      .nullable()
      .describe("From the worker's enrichment shortly after creation; null until then"),
    summary: z.string().nullable(),
    tags: z.array(z.string()).describe('Lower-case, sorted'),
    createdAt: isoTime,
  })
  .meta({
    examples: [
      {
        slug: 'launch',
        shortUrl: 'https://sho.rt/launch',
        url: 'https://example.com/blog/launch',
        expiresAt: null,
        maxVisits: null,
        passwordProtected: false,
        category: 'technology',
        summary: 'Our launch post.',
        tags: ['blog', 'launch'],
        createdAt: '2026-12-01T09:30:00.000Z',
      },
    ],
  });

export type LinkView = z.infer<typeof linkViewSchema>;

export function toLinkView({ link, tags }: TaggedLink, publicBaseUrl: string): LinkView {
  return {
    slug: link.slug,
    shortUrl: `${publicBaseUrl}/${link.slug}`,
    url: link.targetUrl,
    expiresAt: link.expiresAt?.toISOString() ?? null,
    maxVisits: link.maxVisits,
    passwordProtected: link.passwordHash !== null,
    category: link.category,
    summary: link.summary,
    tags,
    createdAt: link.createdAt.toISOString(),
  };
}
