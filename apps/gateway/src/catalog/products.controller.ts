/**
 * `/api/products`: public reads (list, search, by id), admin-only writes (an admin's API key
 * needs `products:write`).
 */
import { Public, RequiresScope, Roles } from '@beacon/auth';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTag } from '../openapi/api-operation.decorator';
import { pageSchemaOf, type Page } from '../pagination/page-query';
import {
  createProductSchema,
  productQuerySchema,
  updateProductSchema,
  type CreateProductInput,
  type ProductQuery,
  type UpdateProductInput,
} from './product.schemas';
import { productViewSchema, type ProductView } from './product.view';
import { ProductsService } from './products.service';

const ID = { id: "The product's id (a UUID)" };
const NOT_FOUND = { 404: 'No product with this id' };

@ApiTag('Catalog')
@Controller('api/products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'List or search products',
    description: '`q` searches names and descriptions (full text); `sort=relevance` needs it.',
    responses: {
      200: { description: 'A page of products', schema: pageSchemaOf(productViewSchema) },
    },
  })
  list(@Query({ schema: productQuerySchema }) query: ProductQuery): Promise<Page<ProductView>> {
    return this.products.list(query);
  }

  @Public()
  @Get(':id')
  @ApiOperation({
    summary: 'One product',
    params: ID,
    responses: { 200: { description: 'The product', schema: productViewSchema } },
    errors: NOT_FOUND,
  })
  get(@Param('id') id: string): Promise<ProductView> {
    return this.products.view(id);
  }

  @Roles('admin')
  @RequiresScope('products:write')
  @Post()
  @ApiOperation({
    summary: 'Add a product',
    bodyExample: { sku: 'LAMP-001', name: 'Desk lamp', category: 'home', price: 39.9, stock: 12 },
    responses: { 201: { description: 'Created', schema: productViewSchema } },
    errors: { 409: 'The sku is taken' },
  })
  create(@Body({ schema: createProductSchema }) input: CreateProductInput): Promise<ProductView> {
    return this.products.create(input);
  }

  @Roles('admin')
  @RequiresScope('products:write')
  @Patch(':id')
  @ApiOperation({
    summary: 'Change a product',
    params: ID,
    responses: { 200: { description: 'The changed product', schema: productViewSchema } },
    errors: NOT_FOUND,
  })
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
  @ApiOperation({
    summary: 'Delete a product',
    params: ID,
    responses: { 204: { description: 'Deleted' } },
    errors: NOT_FOUND,
  })
  async delete(@Param('id') id: string): Promise<void> {
    await this.products.delete(id);
  }
}
