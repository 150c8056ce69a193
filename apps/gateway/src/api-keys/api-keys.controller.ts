/**
 * `/api/keys`: create, list and revoke the caller's API keys. For access tokens only: no route
 * here declares a scope, so a request made with an API key gets 403 (managing keys is never a
 * key's scope).
 */
import { CurrentUser, type AuthenticatedUser } from '@beacon/auth';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { createApiKeySchema, type CreateApiKeyInput } from './api-key.schemas';
import { toApiKeyView, type ApiKeyView, type IssuedApiKeyView } from './api-key.view';
import { ApiKeysService } from './api-keys.service';

@Controller('api/keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  /** 201 with the key: the only time it is shown. */
  @Post()
  async create(
    @Body({ schema: createApiKeySchema }) input: CreateApiKeyInput,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<IssuedApiKeyView> {
    const { key, stored } = await this.keys.create(input, caller);
    return { ...toApiKeyView(stored), key };
  }

  @Get()
  async list(@CurrentUser() caller: AuthenticatedUser): Promise<{ items: ApiKeyView[] }> {
    return { items: (await this.keys.list(caller)).map(toApiKeyView) };
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('id') id: string, @CurrentUser() caller: AuthenticatedUser): Promise<void> {
    await this.keys.revoke(id, caller);
  }
}
