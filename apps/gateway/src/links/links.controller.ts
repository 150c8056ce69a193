/**
 * The links API. Every route needs an account (the global JWT guard): a link belongs to its
 * creator, and only the owner or an admin can see, change or delete it. API keys need
 * `links:read` to read and `links:write` to create, change or delete.
 */
import { CurrentUser, RequiresScope, type AuthenticatedUser } from '@beacon/auth';
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { toLinkView, type LinkView } from './link.view';
import {
  createLinkSchema,
  linkListQuerySchema,
  updateLinkSchema,
  type CreateLinkInput,
  type LinkListQuery,
  type UpdateLinkInput,
} from './link.schemas';
import { LinksService } from './links.service';
import type { TaggedLink } from './tags/tagged-link';
import type { Page } from '../pagination/page-query';

@Controller('api/links')
export class LinksController {
  private readonly publicBaseUrl: string;

  constructor(
    private readonly links: LinksService,
    @InjectConfig() config: BeaconConfig,
  ) {
    this.publicBaseUrl = config.http.publicBaseUrl;
  }

  @RequiresScope('links:write')
  @Post()
  async create(
    @Body({ schema: createLinkSchema }) input: CreateLinkInput,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<LinkView> {
    return this.view(await this.links.create(input, caller));
  }

  @RequiresScope('links:read')
  @Get()
  async list(
    @Query({ schema: linkListQuerySchema }) query: LinkListQuery,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<Page<LinkView>> {
    const found = await this.links.list(caller, query);
    return { ...found, items: found.items.map((link) => this.view(link)) };
  }

  @RequiresScope('links:read')
  @Get(':slug')
  async get(
    @Param('slug') slug: string,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<LinkView> {
    return this.view(await this.links.getManagedWithTags(slug, caller));
  }

  @RequiresScope('links:write')
  @Patch(':slug')
  async update(
    @Param('slug') slug: string,
    @Body({ schema: updateLinkSchema }) patch: UpdateLinkInput,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<LinkView> {
    return this.view(await this.links.update(slug, caller, patch));
  }

  @RequiresScope('links:write')
  @Delete(':slug')
  @HttpCode(204)
  async delete(
    @Param('slug') slug: string,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<void> {
    await this.links.delete(slug, caller);
  }

  private view(link: TaggedLink): LinkView {
    return toLinkView(link, this.publicBaseUrl);
  }
}
