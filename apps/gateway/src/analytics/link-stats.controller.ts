/** `GET /api/links/:slug/stats?from=&to=`: visits, unique visitors and top dimensions. */
import { Public } from '@beacon/auth';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { linkStatsQuerySchema, type LinkStatsRange } from './link-stats.schemas';
import { LinkStatsService, type LinkStats } from './link-stats.service';

// Anonymous until links have owners; then only the owner or an admin reads stats.
@Public()
@Controller('api/links')
export class LinkStatsController {
  constructor(private readonly stats: LinkStatsService) {}

  @Get(':slug/stats')
  forLink(
    @Param('slug') slug: string,
    @Query({ schema: linkStatsQuerySchema }) range: LinkStatsRange,
  ): Promise<LinkStats> {
    return this.stats.forLink(slug, range);
  }
}
