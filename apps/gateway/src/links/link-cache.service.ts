/**
 * In-process LRU of resolved links: the redirect hot path answers from memory. Bounded in
 * entries, each entry lives at most CACHE_TTL_MS. An edit or a delete evicts at once on the
 * replica that made it, and on every other one when its event arrives (LinkCacheInvalidation);
 * the TTL only bounds what a lost event costs. A load from MySQL that an eviction overtook is
 * not kept (`mark`), or it could bring back the state the eviction removed.
 */
import type { LinkEntity } from '@beacon/database';
import { CACHE_REQUESTS, Counted } from '@beacon/observability';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';

export interface CachedLink {
  id: string;
  slug: string;
  targetUrl: string;
  expiresAtMs: number | null;
  maxVisits: number | null;
  /** argon2id hash of its password; null when the link is open. */
  passwordHash: string | null;
  /** Set once a maxVisits link is used up, so later visits skip the database. */
  exhausted: boolean;
  /** Set once `link.expired` was published (by any replica): later 410s publish nothing. */
  expiryAnnounced: boolean;
}

const CACHE_MAX_ENTRIES = 10_000;
const CACHE_TTL_MS = 60_000;

@Injectable()
export class LinkCache {
  private readonly links = new LRUCache<string, CachedLink>({
    max: CACHE_MAX_ENTRIES,
    ttl: CACHE_TTL_MS,
  });
  private evictions = 0;

  @Counted(CACHE_REQUESTS, {
    labels: ({ result }) => ({ cache: 'links', result: result ? 'hit' : 'miss' }),
  })
  get(slug: string): CachedLink | undefined {
    return this.links.get(slug);
  }

  /** Taken before loading a link: `set(link, mark)` then keeps it only if nothing was evicted. */
  mark(): number {
    return this.evictions;
  }

  set(link: CachedLink, mark?: number): void {
    // One counter for every slug: an eviction during a load costs that load's entry, no more.
    if (mark !== undefined && mark !== this.evictions) return;
    this.links.set(link.slug, link);
  }

  delete(slug: string): void {
    this.evictions++;
    this.links.delete(slug);
  }
}

export function toCachedLink(link: LinkEntity): CachedLink {
  return {
    id: link.id,
    slug: link.slug,
    targetUrl: link.targetUrl,
    expiresAtMs: link.expiresAt?.getTime() ?? null,
    maxVisits: link.maxVisits,
    passwordHash: link.passwordHash,
    exhausted: link.maxVisits !== null && link.visitCount >= link.maxVisits,
    expiryAnnounced: (link.expiryAnnouncedAt ?? null) !== null,
  };
}
