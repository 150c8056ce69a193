/** `/api/products`: public reads (list, search, by id), admin-only writes. */
import { Public, Roles } from '@beacon/auth';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Page } from '../pagination/page-query';
import {
  createProductSchema,
  productQuerySchema,
  updateProductSchema,
  type CreateProductInput,
  type ProductQuery,
  type UpdateProductInput,
} from './product.schemas';
import { toProductView, type ProductView } from './product.view';
import { ProductsService } from './products.service';

@Controller('api/products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Public()
  @Get()
  async list(
    @Query({ schema: productQuerySchema }) query: ProductQuery,
  ): Promise<Page<ProductView>> {
    const found = await this.products.list(query);
    return { ...found, items: found.items.map(toProductView) };
  }

  @Public()
  @Get(':id')
  async get(@Param('id') id: string): Promise<ProductView> {
    return toProductView(await this.products.get(id));
  }

  @Roles('admin')
  @Post()
  async create(
    @Body({ schema: createProductSchema }) input: CreateProductInput,
  ): Promise<ProductView> {
    return toProductView(await this.products.create(input));
  }

  @Roles('admin')
  @Patch(':id')
  async update(
    @Param('id') id: string,
    @Body({ schema: updateProductSchema }) patch: UpdateProductInput,
  ): Promise<ProductView> {
    return toProductView(await this.products.update(id, patch));
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string): Promise<void> {
    await this.products.delete(id);
  }
}
