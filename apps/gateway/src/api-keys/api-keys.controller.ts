/**
 * `/api/keys`: create, list and revoke the caller's API keys. For access tokens only: no route
 * here declares a scope, so a request made with an API key gets 403 (managing keys is never a
 * key's scope).
 */
import { CurrentUser, type AuthenticatedUser } from '@beacon/auth';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { createApiKeySchema, type CreateApiKeyInput } from './api-key.schemas';
import { ApiOperation, ApiTag } from '../openapi/api-operation.decorator';
import {
  apiKeyViewSchema,
  issuedApiKeyViewSchema,
  toApiKeyView,
  type ApiKeyView,
  type IssuedApiKeyView,
} from './api-key.view';
import { z } from 'zod';
import { ApiKeysService } from './api-keys.service';

@ApiTag('API keys')
@Controller('api/keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  /** 201 with the key: the only time it is shown. */
  @Post()
  @ApiOperation({
    summary: 'Create an API key',
    description: '`keys` is never a scope: managing keys needs an access token.',
    bodyExample: { name: 'nightly export', scopes: ['links:read', 'stats:read'] },
    responses: { 201: { description: 'The key, shown this once', schema: issuedApiKeyViewSchema } },
    errors: { 403: 'A scope the caller cannot grant (products:write needs an admin)' },
  })
  async create(
    @Body({ schema: createApiKeySchema }) input: CreateApiKeyInput,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<IssuedApiKeyView> {
    const { key, stored } = await this.keys.create(input, caller);
    return { ...toApiKeyView(stored), key };
  }

  @Get()
  @ApiOperation({
    summary: "The caller's API keys (never the keys themselves)",
    responses: {
      200: {
        description: 'The keys',
        schema: z.strictObject({ items: z.array(apiKeyViewSchema) }),
      },
    },
  })
  async list(@CurrentUser() caller: AuthenticatedUser): Promise<{ items: ApiKeyView[] }> {
    return { items: (await this.keys.list(caller)).map(toApiKeyView) };
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Revoke an API key',
    description: 'At once, on every gateway replica.',
    params: { id: "The key's id" },
    responses: { 204: { description: 'Revoked' } },
    errors: { 404: "No such key, or not the caller's" },
  })
  @HttpCode(204)
  async revoke(@Param('id') id: string, @CurrentUser() caller: AuthenticatedUser): Promise<void> {
    await this.keys.revoke(id, caller);
  }
}
