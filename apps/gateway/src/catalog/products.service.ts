/**
 * The product catalog: filtered, sorted, paginated lists with full-text search, reads by id
 * (each published as `product.viewed`), and admin writes that publish `product.created`,
 * `product.updated` and `product.deleted` through the outbox, in the write's transaction.
 * Reads may come from a read replica, except right after a product write (and what a write acts
 * on, which comes from the primary).
 */
import { isDuplicateEntryError, ProductEntity } from '@beacon/database';
import {
  EventPublisher,
  productCreated,
  productDeleted,
  productUpdated,
  productViewed,
} from '@beacon/messaging';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { Outbox } from '../outbox/outbox.service';
import { ReadRouter } from '../read-replicas/read-router.service';
import { CATALOG } from '../read-replicas/read-scope';
import type { Page } from '../pagination/page-query';
import { booleanModeQuery } from './full-text-query';
import { selectPage } from './product-page.query';
import { ProductReadCache } from './product-read-cache.service';
import { ProductNotFoundError, SkuTakenError } from './product.errors';
import { toProductView, type ProductView } from './product.view';
import type { CreateProductInput, ProductQuery, UpdateProductInput } from './product.schemas';

/** A BIGINT id in decimal; anything else cannot name a product. */
const PRODUCT_ID = /^[1-9]\d{0,18}$/;

@Injectable()
export class ProductsService {
  constructor(
    @InjectRepository(ProductEntity) private readonly products: Repository<ProductEntity>,
    private readonly publisher: EventPublisher,
    private readonly outbox: Outbox,
    private readonly cache: ProductReadCache,
    private readonly reads: ReadRouter,
  ) {}

  list(query: ProductQuery): Promise<Page<ProductView>> {
    return this.cache.list(query, () => this.search(query));
  }

  /** A product read through the API: a view, published as `product.viewed`. */
  async view(id: string): Promise<ProductView> {
    const product = await this.cache.product(id, async () =>
      toProductView(found(id, await this.lookUp(id))),
    );
    this.publisher.publish(productViewed, { productId: product.id });
    return product;
  }

  async create(input: CreateProductInput): Promise<ProductView> {
    const product = await this.outbox.transaction(async (manager, events) => {
      const inserted = await manager.findOneByOrFail(ProductEntity, {
        id: await insertProduct(manager, input),
      });
      events.add(productCreated, eventFields(inserted));
      return inserted;
    });
    await this.wrote(product.id);
    return toProductView(product);
  }

  async update(id: string, patch: UpdateProductInput): Promise<ProductView> {
    const existing = await this.load(id);
    const { price, ...rest } = patch;
    const product = await this.outbox.transaction(async (manager, events) => {
      await manager.update(
        ProductEntity,
        { id: existing.id },
        { ...rest, ...(price !== undefined && { price: price.toFixed(2) }) },
      );
      const updated = await manager.findOneByOrFail(ProductEntity, { id: existing.id });
      events.add(productUpdated, eventFields(updated));
      return updated;
    });
    await this.wrote(product.id);
    return toProductView(product);
  }

  async delete(id: string): Promise<void> {
    const product = await this.load(id);
    await this.outbox.transaction(async (manager, events) => {
      await manager.delete(ProductEntity, { id: product.id });
      events.add(productDeleted, { productId: product.id });
    });
    await this.wrote(product.id);
  }

  /** Catalog loads go to the primary for the window, before the cache drops what it holds. */
  private async wrote(productId: string): Promise<void> {
    await this.reads.wrote(CATALOG);
    await this.cache.evict(productId);
  }

  private async search(query: ProductQuery): Promise<Page<ProductView>> {
    const { page, limit } = query;
    const search = query.q === undefined ? undefined : booleanModeQuery(query.q);
    if (search === null) return { items: [], page, limit, total: 0 };
    const [items, total] = await this.reads.read(CATALOG, (manager) =>
      selectPage(manager.getRepository(ProductEntity), query, search).getManyAndCount(),
    );
    return { items: items.map(toProductView), page, limit, total };
  }

  private async lookUp(id: string): Promise<ProductEntity | null> {
    if (!PRODUCT_ID.test(id)) return null;
    return this.reads.find(CATALOG, (manager) => manager.findOneBy(ProductEntity, { id }));
  }

  /** What a write acts on comes from the primary: a replica's copy may be gone already. */
  private async load(id: string): Promise<ProductEntity> {
    return found(id, PRODUCT_ID.test(id) ? await this.products.findOneBy({ id }) : null);
  }
}

function found(id: string, product: ProductEntity | null): ProductEntity {
  if (!product) throw new ProductNotFoundError(id);
  return product;
}

async function insertProduct(manager: EntityManager, input: CreateProductInput): Promise<string> {
  try {
    const { identifiers } = await manager.insert(ProductEntity, {
      ...input,
      price: input.price.toFixed(2),
    });
    return String(identifiers[0].id);
  } catch (error) {
    if (isDuplicateEntryError(error)) throw new SkuTakenError(input.sku);
    throw error;
  }
}

function eventFields(product: ProductEntity) {
  return { productId: product.id, name: product.name, category: product.category };
}
