/**
 * The most viewed products over a range of days, from the daily rollup the worker writes
 * (product.viewed). Deleted products drop out: the ranking joins the catalog.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TopProductsQuery } from './top-products.schemas';

export interface TopProduct {
  productId: string;
  sku: string;
  name: string;
  category: string;
  views: number;
}

export interface TopProducts {
  from: string;
  to: string;
  items: TopProduct[];
}

interface TopProductRow extends Omit<TopProduct, 'views'> {
  views: string;
}

@Injectable()
export class TopProductsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async top({ from, to, limit }: TopProductsQuery): Promise<TopProducts> {
    const rows: TopProductRow[] = await this.dataSource.query(
      `SELECT ranked.product_id AS productId, p.sku, p.name, p.category, ranked.views
       FROM (
         SELECT product_id, SUM(views) AS views
         FROM product_daily_views
         WHERE day BETWEEN ? AND ?
         GROUP BY product_id
       ) ranked
       JOIN products p ON p.id = ranked.product_id
       ORDER BY ranked.views DESC, ranked.product_id
       LIMIT ?`,
      [from, to, limit],
    );
    return { from, to, items: rows.map((row) => ({ ...row, views: Number(row.views) })) };
  }
}
