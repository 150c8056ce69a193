/** The links API: create, read and delete short links. */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { Public } from '@beacon/auth';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { toLinkView, type LinkView } from './link.view';
import { createLinkSchema, type CreateLinkInput } from './link.schemas';
import { LinksService } from './links.service';

// Anonymous until links have owners; then creating needs an account, and reading or deleting
// needs the owner or an admin.
@Public()
@Controller('api/links')
export class LinksController {
  constructor(
    private readonly links: LinksService,
    @InjectConfig() private readonly config: BeaconConfig,
  ) {}

  @Post()
  async create(@Body({ schema: createLinkSchema }) input: CreateLinkInput): Promise<LinkView> {
    return toLinkView(await this.links.create(input), this.config.http.publicBaseUrl);
  }

  @Get(':slug')
  async get(@Param('slug') slug: string): Promise<LinkView> {
    return toLinkView(await this.links.get(slug), this.config.http.publicBaseUrl);
  }

  @Delete(':slug')
  @HttpCode(204)
  async delete(@Param('slug') slug: string): Promise<void> {
    await this.links.delete(slug);
  }
}
