/**
 * `GET /openapi.json` (the document) and `GET /docs` (Swagger UI, its assets under `/docs/`);
 * `GET /` is the console's (console/console.controller.ts). Public: the document describes the API, it grants
 * nothing. The document is built once, when the app starts, from the controllers it holds.
 */
import { Public } from '@beacon/auth';
import {
  Controller,
  Get,
  Header,
  NotFoundException,
  Param,
  Res,
  type OnModuleInit,
} from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiTag } from './api-operation.decorator';
import { docsAsset, DOCS_PAGE } from './docs-page';
import { gatewayOpenApiDocument } from './gateway-openapi';
import type { OpenApiDocument } from './openapi-document';
import { z } from 'zod';

@Public()
@ApiTag('Documentation')
@Controller()
export class ApiDocsController implements OnModuleInit {
  private document!: OpenApiDocument;

  constructor(private readonly modules: ModulesContainer) {}

  onModuleInit(): void {
    this.document = gatewayOpenApiDocument(this.modules);
  }

  @Get('openapi.json')
  @ApiOperation({
    summary: 'This document (OpenAPI 3.1)',
    responses: {
      200: { description: 'The document', schema: z.looseObject({ openapi: z.string() }) },
    },
  })
  openApi(): OpenApiDocument {
    return this.document;
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiOperation({
    summary: 'Interactive docs (Swagger UI)',
    responses: { 200: { description: 'The docs page', mediaTypes: ['text/html'] } },
  })
  docs(): string {
    return DOCS_PAGE;
  }

  @Get('docs/:asset')
  @ApiOperation({
    summary: 'A file of the docs page (its script, style sheet or icon)',
    params: { asset: 'swagger-ui.css, swagger-ui-bundle.js, docs.js or favicon-32x32.png' },
    responses: {
      200: { description: 'The file', mediaTypes: ['text/css', 'text/javascript', 'image/png'] },
    },
    errors: { 404: 'No such file' },
  })
  asset(@Param('asset') name: string, @Res({ passthrough: true }) reply: FastifyReply): Buffer {
    const asset = docsAsset(name);
    if (!asset) throw new NotFoundException(`No docs file ${name}`);
    void reply.type(asset.mediaType).header('cache-control', 'public, max-age=3600');
    return asset.body;
  }
}
