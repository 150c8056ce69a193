/** `GET /api/tags`: the caller's tags, sorted by name, each with the number of their links. */
import { CurrentUser, RequiresScope, type AuthenticatedUser } from '@beacon/auth';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTag } from '../../openapi/api-operation.decorator';
import { tagCountsSchema, type TagCount } from './link-tag.schemas';
import { LinkTagsService } from './link-tags.service';

@ApiTag('Links')
@Controller('api/tags')
export class LinkTagsController {
  constructor(private readonly tags: LinkTagsService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's tags, by name, with how many of their links carry each",
    responses: { 200: { description: 'The tags', schema: tagCountsSchema } },
  })
  @RequiresScope('links:read')
  list(@CurrentUser() caller: AuthenticatedUser): Promise<TagCount[]> {
    return this.tags.countsFor(caller);
  }
}
