/**
 * Read-through cache of the catalog's answers (a product by id, a list query) over a
 * ProductCacheStore: in process, or in Redis when REDIS_URL is set. Concurrent misses of one
 * key on this replica share one load (single flight), so a burst of reads on a cold key makes
 * one SQL query. A product write evicts its product and every cached list; a load that a write
 * overtook is not kept. `cache_requests_total{cache="products"}` counts hits and misses.
 * Values are plain JSON (the API's views), so either store can hold them.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { CACHE_REQUESTS, Counted } from '@beacon/observability';
import { Injectable } from '@nestjs/common';
import { ProductCacheStore, type ProductCacheKey } from './product-cache.store';

@Injectable()
export class ProductReadCache {
  private readonly enabled: boolean;
  private readonly loading = new Map<string, Promise<object>>();

  constructor(
    @InjectConfig() config: BeaconConfig,
    private readonly store: ProductCacheStore,
  ) {
    this.enabled = config.cache.enabled;
  }

  product<T extends object>(id: string, load: () => Promise<T>): Promise<T> {
    return this.read({ kind: 'product', id }, load);
  }

  /** `query` must be the validated query: its fields are the key. */
  list<T extends object>(query: object, load: () => Promise<T>): Promise<T> {
    return this.read({ kind: 'list', query: JSON.stringify(query) }, load);
  }

  /** After this replica wrote the product. */
  async evict(productId: string): Promise<void> {
    // Reads from now on must not join a load that started before the write.
    this.loading.clear();
    await this.store.evict(productId);
  }

  /**
   * On a product event, which may come from another replica's write. A shared store was
   * evicted by the writer already: evicting again would drop what was loaded since.
   */
  async evictOnEvent(productId: string): Promise<void> {
    if (this.store.sharedByReplicas) this.loading.clear();
    else await this.evict(productId);
  }

  private async read<T extends object>(key: ProductCacheKey, load: () => Promise<T>): Promise<T> {
    if (!this.enabled) return load();
    const cached = await this.lookup(key);
    if (cached) return cached as T;
    const flightKey = key.kind === 'product' ? `product:${key.id}` : `list:${key.query}`;
    const pending = this.loading.get(flightKey);
    if (pending) return pending as Promise<T>;
    const loaded = this.loadAndKeep(key, load).finally(() => {
      if (this.loading.get(flightKey) === loaded) this.loading.delete(flightKey);
    });
    this.loading.set(flightKey, loaded);
    return loaded;
  }

  private async loadAndKeep<T extends object>(
    key: ProductCacheKey,
    load: () => Promise<T>,
  ): Promise<T> {
    const mark = await this.store.mark();
    const value = await load();
    await this.store.set(key, value, mark);
    return value;
  }

  @Counted(CACHE_REQUESTS, {
    labels: ({ result }) => ({ cache: 'products', result: result ? 'hit' : 'miss' }),
  })
  private lookup(key: ProductCacheKey): Promise<object | undefined> {
    return this.store.get(key);
  }
}
