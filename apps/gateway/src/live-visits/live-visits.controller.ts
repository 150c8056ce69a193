/**
 * `GET /api/links/:slug/visits/live`: the link's visits as Server-Sent Events, as the worker
 * stores them. The link's owner or an admin (404 for anyone else); API keys need `stats:read`.
 */
import { CurrentUser, RequiresScope, type AuthenticatedUser } from '@beacon/auth';
import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiTag } from '../openapi/api-operation.decorator';
import { LiveVisitStreams } from './live-visit-streams.service';

const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  // nginx buffers proxied responses unless told not to: events would arrive in bursts.
  'x-accel-buffering': 'no',
};

@ApiTag('Links')
@Controller('api/links')
export class LiveVisitsController {
  constructor(private readonly streams: LiveVisitStreams) {}

  @RequiresScope('stats:read')
  @Get(':slug/visits/live')
  @ApiOperation({
    summary: "A link's visits, live (Server-Sent Events)",
    description:
      'One `visit` event per visit as the worker stores it: `id` is the visit id, `data` the JSON ' +
      '`{ linkId, slug, visitId, visitedAt, referrerHost, browser, os, device, bot, source }`. ' +
      'Reconnecting with `Last-Event-ID` replays the visits since that id (up to ' +
      'LIVE_VISITS_REPLAY_MS back); a `: heartbeat` comment every LIVE_VISITS_HEARTBEAT_MS.',
    params: { slug: "The link's slug" },
    responses: { 200: { description: 'The stream of visits', mediaTypes: ['text/event-stream'] } },
    errors: {
      404: "No such link, or not the caller's",
      429: 'Too many live streams open for this account (LIVE_STREAMS_PER_USER), or rate limited',
    },
  })
  async follow(
    @Param('slug') slug: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @CurrentUser() caller: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const body = await this.streams.open(slug, caller, lastEventId);
    void reply.headers(SSE_HEADERS).send(body);
  }
}
