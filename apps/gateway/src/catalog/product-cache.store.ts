/**
 * Where the catalog's cached answers live: in this process (the default), or in Redis when
 * REDIS_URL is set, shared by every gateway replica. A store keys lists by a write counter that
 * every product write bumps, so one write makes every cached list unreachable at once.
 */
import { LRUCache } from 'lru-cache';

export type ProductCacheKey = { kind: 'product'; id: string } | { kind: 'list'; query: string };

/** The store's write counter when a load began: see `set`. */
export type WriteMark = string;

export abstract class ProductCacheStore {
  /** Whether every replica reads this same store (then the writer's eviction serves them all). */
  abstract readonly sharedByReplicas: boolean;
  /** The cached answer, or undefined (also when the store cannot be reached). */
  abstract get(key: ProductCacheKey): Promise<object | undefined>;
  /** The write counter now; null when it cannot be read (nothing loaded will be kept). */
  abstract mark(): Promise<WriteMark | null>;
  /** Keeps a value loaded after `mark()`, unless a product was written since. */
  abstract set(key: ProductCacheKey, value: object, mark: WriteMark | null): Promise<void>;
  /** After a write of this product: its entry and every list go. */
  abstract evict(productId: string): Promise<void>;
}

const MAX_ENTRIES = 5_000;

/** An LRU bounded in entries, each living CACHE_TTL_MS. */
export class InProcessProductCacheStore extends ProductCacheStore {
  readonly sharedByReplicas = false;
  private readonly entries: LRUCache<string, object>;
  private writes = 0;

  constructor(ttlMs: number) {
    super();
    this.entries = new LRUCache({ max: MAX_ENTRIES, ttl: ttlMs });
  }

  get(key: ProductCacheKey): Promise<object | undefined> {
    return Promise.resolve(this.entries.get(this.entryKey(key, this.writes)));
  }

  mark(): Promise<WriteMark> {
    return Promise.resolve(String(this.writes));
  }

  set(key: ProductCacheKey, value: object, mark: WriteMark | null): Promise<void> {
    if (mark === String(this.writes)) this.entries.set(this.entryKey(key, this.writes), value);
    return Promise.resolve();
  }

  evict(productId: string): Promise<void> {
    this.entries.delete(this.entryKey({ kind: 'product', id: productId }, this.writes));
    this.writes++;
    return Promise.resolve();
  }

  private entryKey(key: ProductCacheKey, writes: number): string {
    return key.kind === 'product' ? `product:${key.id}` : `list:${writes}:${key.query}`;
  }
}
