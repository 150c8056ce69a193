/** How a link looks in API responses. */
import type { TaggedLink } from './tags/tagged-link';

export interface LinkView {
  slug: string;
  shortUrl: string;
  url: string;
  expiresAt: string | null;
  maxVisits: number | null;
  /** Whether following it asks for a password (the password itself is never shown). */
  passwordProtected: boolean;
  /** From the worker's enrichment shortly after creation; null until then. */
  category: string | null;
  summary: string | null;
  /** Lower-case, sorted. */
  tags: string[];
  createdAt: string;
}

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
