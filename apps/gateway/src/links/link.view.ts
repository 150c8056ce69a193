/** How a link looks in API responses. */
import type { LinkEntity } from '@beacon/database';

export interface LinkView {
  slug: string;
  shortUrl: string;
  url: string;
  expiresAt: string | null;
  maxVisits: number | null;
  createdAt: string;
}

export function toLinkView(link: LinkEntity, publicBaseUrl: string): LinkView {
  return {
    slug: link.slug,
    shortUrl: `${publicBaseUrl}/${link.slug}`,
    url: link.targetUrl,
    expiresAt: link.expiresAt?.toISOString() ?? null,
    maxVisits: link.maxVisits,
    createdAt: link.createdAt.toISOString(),
  };
}
