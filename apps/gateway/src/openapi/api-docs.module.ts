/** Serves the OpenAPI document and its interactive docs (api-docs.controller.ts). */
import { Module } from '@nestjs/common';
import { ApiDocsController } from './api-docs.controller';

@Module({ controllers: [ApiDocsController] })
export class ApiDocsModule {}
