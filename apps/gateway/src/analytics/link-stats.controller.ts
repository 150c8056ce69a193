/**
 * `GET /api/links/:slug/stats?from=&to=`: visits, unique visitors and top dimensions, for the
 * link's owner or an admin (404 for anyone else); API keys need `stats:read`.
 */
import { CurrentUser, RequiresScope, type AuthenticatedUser } from '@beacon/auth';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { dayRangeQuerySchema, type DayRange } from './day-range.schemas';
import { LinkStatsService, type LinkStats } from './link-stats.service';

@Controller('api/links')
export class LinkStatsController {
  constructor(private readonly stats: LinkStatsService) {}

  @RequiresScope('stats:read')
  @Get(':slug/stats')
  forLink(
    @Param('slug') slug: string,
    @Query({ schema: dayRangeQuerySchema }) range: DayRange,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<LinkStats> {
    return this.stats.forLink(slug, caller, range);
  }
}
