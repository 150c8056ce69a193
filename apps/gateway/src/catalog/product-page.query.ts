/**
 * The query of one page of the catalog: filters and full-text search as bound parameters, the
 * sort chosen from a fixed map (never from text), the page by offset.
 */
import type { ProductEntity } from '@beacon/database';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import type { ProductQuery, ProductSort } from './product.schemas';

type ListSort = Exclude<ProductSort, 'relevance'>;

const ORDER_BY: Record<ListSort, [column: string, direction: 'ASC' | 'DESC']> = {
  price: ['product.price', 'ASC'],
  '-price': ['product.price', 'DESC'],
  name: ['product.name', 'ASC'],
  '-createdAt': ['product.createdAt', 'DESC'],
};

/** `search`: the boolean-mode query (full-text-query.ts), undefined for none. */
export function selectPage(
  products: Repository<ProductEntity>,
  query: ProductQuery,
  search: string | undefined,
): SelectQueryBuilder<ProductEntity> {
  const { page, limit } = query;
  const select = products.createQueryBuilder('product');
  if (query.category !== undefined) select.andWhere('product.category = :category', query);
  if (query.minPrice !== undefined) select.andWhere('product.price >= :minPrice', query);
  if (query.maxPrice !== undefined) select.andWhere('product.price <= :maxPrice', query);
  if (search !== undefined) {
    select.andWhere('MATCH(product.name, product.description) AGAINST (:search IN BOOLEAN MODE)', {
      search,
    });
  }
  orderBy(select, query.sort ?? (search === undefined ? '-createdAt' : 'relevance'));
  return select.skip((page - 1) * limit).take(limit);
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
