/** `GET /api/tags`: the caller's tags, sorted by name, each with the number of their links. */
import { CurrentUser, RequiresScope, type AuthenticatedUser } from '@beacon/auth';
import { Controller, Get } from '@nestjs/common';
import { LinkTagsService, type TagCount } from './link-tags.service';

@Controller('api/tags')
export class LinkTagsController {
  constructor(private readonly tags: LinkTagsService) {}

  @Get()
  @RequiresScope('links:read')
  list(@CurrentUser() caller: AuthenticatedUser): Promise<TagCount[]> {
    return this.tags.countsFor(caller);
  }
}
