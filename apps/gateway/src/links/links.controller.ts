/**
 * The links API. Every route needs an account (the global JWT guard): a link belongs to its
 * creator, and only the owner or an admin can see, change or delete it. API keys need
 * `links:read` to read and `links:write` to create, change or delete.
 */
import { CurrentUser, RequiresScope, type AuthenticatedUser } from '@beacon/auth';
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTag } from '../openapi/api-operation.decorator';
import { linkViewSchema, toLinkView, type LinkView } from './link.view';
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
import { pageSchemaOf, type Page } from '../pagination/page-query';

const SLUG = { slug: "The link's slug" };
const NOT_FOUND = { 404: "No such link, or not the caller's" };

@ApiTag('Links')
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
  @ApiOperation({
    summary: 'Shorten a URL',
    description:
      'A random 7-character slug unless `slug` is given. The short URL is PUBLIC_BASE_URL + slug; ' +
      'a URL pointing at this gateway itself is refused.',
    bodyExample: { url: 'https://example.com/blog/launch', slug: 'launch', tags: ['blog'] },
    responses: { 201: { description: 'Created', schema: linkViewSchema } },
    errors: { 409: 'The slug is taken' },
  })
  async create(
    @Body({ schema: createLinkSchema }) input: CreateLinkInput,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<LinkView> {
    return this.view(await this.links.create(input, caller));
  }

  @RequiresScope('links:read')
  @Get()
  @ApiOperation({
    summary: "The caller's links, newest first",
    description:
      'Repeat `tag` to keep the links that carry every tag given; `q` keeps those whose slug ' +
      'or URL contains it.',
    responses: { 200: { description: 'A page of links', schema: pageSchemaOf(linkViewSchema) } },
  })
  async list(
    @Query({ schema: linkListQuerySchema }) query: LinkListQuery,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<Page<LinkView>> {
    const found = await this.links.list(caller, query);
    return { ...found, items: found.items.map((link) => this.view(link)) };
  }

  @RequiresScope('links:read')
  @Get(':slug')
  @ApiOperation({
    summary: 'One link',
    params: SLUG,
    responses: { 200: { description: 'The link', schema: linkViewSchema } },
    errors: NOT_FOUND,
  })
  async get(
    @Param('slug') slug: string,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<LinkView> {
    return this.view(await this.links.getManagedWithTags(slug, caller));
  }

  @RequiresScope('links:write')
  @Patch(':slug')
  @ApiOperation({
    summary: 'Change a link',
    description: '`null` removes an expiry, a visit limit or a password; `tags` replaces them all.',
    params: SLUG,
    bodyExample: { expiresAt: '2030-01-01T00:00:00Z', password: null },
    responses: { 200: { description: 'The changed link', schema: linkViewSchema } },
    errors: NOT_FOUND,
  })
  async update(
    @Param('slug') slug: string,
    @Body({ schema: updateLinkSchema }) patch: UpdateLinkInput,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<LinkView> {
    return this.view(await this.links.update(slug, caller, patch));
  }

  @RequiresScope('links:write')
  @Delete(':slug')
  @ApiOperation({
    summary: 'Delete a link',
    description: 'Its slug is never given to another link (its short URL stays dead).',
    params: SLUG,
    responses: { 204: { description: 'Deleted' } },
    errors: NOT_FOUND,
  })
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
