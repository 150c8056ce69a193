/**
 * The product catalog: filtered, sorted, paginated lists with full-text search, reads by id
 * (each published as `product.viewed`), and admin writes that publish `product.created`,
 * `product.updated` and `product.deleted` through the outbox, in the write's transaction.
 * Filters and search are bound parameters; the sort is chosen from a fixed map, never from text.
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
import { Repository, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Outbox } from '../outbox/outbox.service';
import type { Page } from '../pagination/page-query';
import { booleanModeQuery } from './full-text-query';
import { ProductReadCache } from './product-read-cache.service';
import { ProductNotFoundError, SkuTakenError } from './product.errors';
import { toProductView, type ProductView } from './product.view';
import type {
  CreateProductInput,
  ProductQuery,
  ProductSort,
  UpdateProductInput,
} from './product.schemas';

type ListSort = Exclude<ProductSort, 'relevance'>;

const ORDER_BY: Record<ListSort, [column: string, direction: 'ASC' | 'DESC']> = {
  price: ['product.price', 'ASC'],
  '-price': ['product.price', 'DESC'],
  name: ['product.name', 'ASC'],
  '-createdAt': ['product.createdAt', 'DESC'],
};

/** A BIGINT id in decimal; anything else cannot name a product. */
const PRODUCT_ID = /^[1-9]\d{0,18}$/;

@Injectable()
export class ProductsService {
  constructor(
    @InjectRepository(ProductEntity) private readonly products: Repository<ProductEntity>,
    private readonly publisher: EventPublisher,
    private readonly outbox: Outbox,
    private readonly cache: ProductReadCache,
  ) {}

  list(query: ProductQuery): Promise<Page<ProductView>> {
    return this.cache.list(query, () => this.search(query));
  }

  /** A product read through the API: a view, published as `product.viewed`. */
  async view(id: string): Promise<ProductView> {
    const product = await this.cache.product(id, async () => toProductView(await this.load(id)));
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
    await this.cache.evict(product.id);
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
    await this.cache.evict(product.id);
    return toProductView(product);
  }

  async delete(id: string): Promise<void> {
    const product = await this.load(id);
    await this.outbox.transaction(async (manager, events) => {
      await manager.delete(ProductEntity, { id: product.id });
      events.add(productDeleted, { productId: product.id });
    });
    await this.cache.evict(product.id);
  }

  private async search(query: ProductQuery): Promise<Page<ProductView>> {
    const { page, limit } = query;
    const search = query.q === undefined ? undefined : booleanModeQuery(query.q);
    if (search === null) return { items: [], page, limit, total: 0 };
    const select = this.products.createQueryBuilder('product');
    if (query.category !== undefined) select.andWhere('product.category = :category', query);
    if (query.minPrice !== undefined) select.andWhere('product.price >= :minPrice', query);
    if (query.maxPrice !== undefined) select.andWhere('product.price <= :maxPrice', query);
    if (search !== undefined) {
      select.andWhere(
        'MATCH(product.name, product.description) AGAINST (:search IN BOOLEAN MODE)',
        {
          search,
        },
      );
    }
    orderBy(select, query.sort ?? (search === undefined ? '-createdAt' : 'relevance'));
    const [items, total] = await select
      .skip((page - 1) * limit)
      .take(limit)
      .getManyAndCount();
    return { items: items.map(toProductView), page, limit, total };
  }

  private async load(id: string): Promise<ProductEntity> {
    if (!PRODUCT_ID.test(id)) throw new ProductNotFoundError(id);
    const product = await this.products.findOneBy({ id });
    if (!product) throw new ProductNotFoundError(id);
    return product;
  }
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

/**
 * Relevance: a match in the name first (its own FULLTEXT index), then the score over name and
 * description, then the newest. Every order ends on the id, so pages never overlap.
 */
function orderBy(select: SelectQueryBuilder<ProductEntity>, sort: ProductSort): void {
  if (sort === 'relevance') {
    select
      .addSelect('MATCH(product.name) AGAINST (:search IN BOOLEAN MODE)', 'name_score')
      .addSelect(
        'MATCH(product.name, product.description) AGAINST (:search IN BOOLEAN MODE)',
        'text_score',
      )
      .orderBy('name_score', 'DESC')
      .addOrderBy('text_score', 'DESC')
      .addOrderBy('product.id', 'DESC');
    return;
  }
  const [column, direction] = ORDER_BY[sort];
  select.orderBy(column, direction).addOrderBy('product.id', direction);
}

function eventFields(product: ProductEntity) {
  return { productId: product.id, name: product.name, category: product.category };
}
