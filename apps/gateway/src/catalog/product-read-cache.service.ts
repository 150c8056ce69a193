/**
 * Read-through cache of the catalog's answers (a product by id, a list query), in process: an
 * LRU bounded in entries, each living CACHE_TTL_MS. Concurrent misses of one key share one load
 * (single flight), so a burst of reads on a cold key makes one SQL query. A write on this
 * replica evicts its product and every cached list at once (lists are keyed by a generation the
 * write bumps). `cache_requests_total{cache="products"}` counts hits and misses.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { CACHE_REQUESTS, Counted } from '@beacon/observability';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';

const MAX_ENTRIES = 5_000;

@Injectable()
export class ProductReadCache {
  private readonly enabled: boolean;
  private readonly entries: LRUCache<string, object>;
  private readonly loading = new Map<string, Promise<object>>();
  private listGeneration = 0;
  /** Counts writes: a load that a write overtook must not be cached. */
  private evictions = 0;

  constructor(@InjectConfig() config: BeaconConfig) {
    this.enabled = config.cache.enabled;
    this.entries = new LRUCache({ max: MAX_ENTRIES, ttl: config.cache.ttlMs });
  }

  product<T extends object>(id: string, load: () => Promise<T>): Promise<T> {
    return this.read(`product:${id}`, load);
  }

  /** `query` must be the validated query: its fields are the key. */
  list<T extends object>(query: object, load: () => Promise<T>): Promise<T> {
    return this.read(`list:${this.listGeneration}:${JSON.stringify(query)}`, load);
  }

  /** After a write of this product: its entry and every list go. */
  evict(productId: string): void {
    this.entries.delete(`product:${productId}`);
    this.listGeneration++;
    this.evictions++;
    // Reads from now on must not join a load that started before the write.
    this.loading.clear();
  }

  private async read<T extends object>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.enabled) return load();
    const cached = this.lookup(key);
    if (cached) return cached as T;
    const pending = this.loading.get(key);
    if (pending) return pending as Promise<T>;
    const epoch = this.evictions;
    const loaded = load().finally(() => {
      if (this.loading.get(key) === loaded) this.loading.delete(key);
    });
    this.loading.set(key, loaded);
    const value = await loaded;
    if (this.evictions === epoch) this.entries.set(key, value);
    return value;
  }

  @Counted(CACHE_REQUESTS, {
    labels: ({ result }) => ({ cache: 'products', result: result ? 'hit' : 'miss' }),
  })
  private lookup(key: string): object | undefined {
    return this.entries.get(key);
  }
}
