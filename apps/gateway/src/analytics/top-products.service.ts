/**
 * The most viewed products over a range of days, from the daily rollup the worker writes
 * (product.viewed), on a read replica unless the catalog was just written. Deleted products
 * drop out: the ranking joins the catalog.
 */
import { Injectable } from '@nestjs/common';
import { ReadRouter } from '../read-replicas/read-router.service';
import { CATALOG } from '../read-replicas/read-scope';
import type { TopProduct, TopProducts, TopProductsQuery } from './top-products.schemas';

interface TopProductRow extends Omit<TopProduct, 'views'> {
  views: string;
}

/** Ranks in SQL over the rollup, so the rows returned stay bounded by `limit`. */
const TOP_PRODUCTS_SQL = `
  SELECT ranked.product_id AS productId, p.sku, p.name, p.category, ranked.views
  FROM (
    SELECT product_id, SUM(views) AS views
    FROM product_daily_views
    WHERE day BETWEEN ? AND ?
    GROUP BY product_id
  ) ranked
  JOIN products p ON p.id = ranked.product_id
  ORDER BY ranked.views DESC, ranked.product_id
  LIMIT ?`;

@Injectable()
export class TopProductsService {
  constructor(private readonly reads: ReadRouter) {}

  async top({ from, to, limit }: TopProductsQuery): Promise<TopProducts> {
    const rows: TopProductRow[] = await this.reads.read(CATALOG, (manager) =>
      manager.query(TOP_PRODUCTS_SQL, [from, to, limit]),
    );
    return { from, to, items: rows.map((row) => ({ ...row, views: Number(row.views) })) };
  }
}
