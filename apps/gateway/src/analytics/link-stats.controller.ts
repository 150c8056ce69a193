/**
 * `GET /api/links/:slug/stats?from=&to=`: visits, unique visitors and top dimensions, for the
 * link's owner or an admin (404 for anyone else); API keys need `stats:read`.
 */
import { CurrentUser, RequiresScope, type AuthenticatedUser } from '@beacon/auth';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { linkStatsQuerySchema, type LinkStatsQuery } from './link-stats.schemas';
import { ApiOperation, ApiTag } from '../openapi/api-operation.decorator';
import { LinkStatsService } from './link-stats.service';
import { linkStatsSchema, type LinkStats } from './link-stats.view';

@ApiTag('Stats')
@Controller('api/links')
export class LinkStatsController {
  constructor(private readonly stats: LinkStatsService) {}

  @RequiresScope('stats:read')
  @Get(':slug/stats')
  @ApiOperation({
    summary: "A link's visits over a range of UTC days",
    description:
      'From the daily rollups: the last 30 days unless `from`/`to` say otherwise. With ' +
      '`country`, from the raw visits of that country, kept VISIT_RETENTION_DAYS (90 by default).',
    params: { slug: "The link's slug" },
    responses: { 200: { description: 'The stats', schema: linkStatsSchema } },
    errors: { 404: "No such link, or not the caller's" },
  })
  forLink(
    @Param('slug') slug: string,
    @Query({ schema: linkStatsQuerySchema }) query: LinkStatsQuery,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<LinkStats> {
    return this.stats.forLink(slug, caller, query);
  }
}
