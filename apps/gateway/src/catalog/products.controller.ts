/**
 * `/api/products`: public reads (list, search, by id), admin-only writes (an admin's API key
 * needs `products:write`).
 */
import { Public, RequiresScope, Roles } from '@beacon/auth';
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
import type { ProductView } from './product.view';
import { ProductsService } from './products.service';

@Controller('api/products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Public()
  @Get()
  list(@Query({ schema: productQuerySchema }) query: ProductQuery): Promise<Page<ProductView>> {
    return this.products.list(query);
  }

  @Public()
  @Get(':id')
  get(@Param('id') id: string): Promise<ProductView> {
    return this.products.view(id);
  }

  @Roles('admin')
  @RequiresScope('products:write')
  @Post()
  create(@Body({ schema: createProductSchema }) input: CreateProductInput): Promise<ProductView> {
    return this.products.create(input);
  }

  @Roles('admin')
  @RequiresScope('products:write')
  @Patch(':id')
  update(
    @Param('id') id: string,
    @Body({ schema: updateProductSchema }) patch: UpdateProductInput,
  ): Promise<ProductView> {
    return this.products.update(id, patch);
  }

  @Roles('admin')
  @RequiresScope('products:write')
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string): Promise<void> {
    await this.products.delete(id);
  }
}
