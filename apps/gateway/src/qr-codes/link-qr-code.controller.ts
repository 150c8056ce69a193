/**
 * `GET /api/links/:slug/qr?format=svg|png&size=&margin=`: the link's QR code, for its owner or
 * an admin. The image of a slug never changes (its short URL stays its own, even once deleted),
 * so the caller's browser may keep it for an hour; shared caches may not (it needs a token).
 */
import { CurrentUser, RequiresScope, type AuthenticatedUser } from '@beacon/auth';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { qrCodeQuerySchema, type QrCodeQuery } from './qr-code.schemas';
import { LinkQrCodeService } from './link-qr-code.service';
import { ApiOperation, ApiTag } from '../openapi/api-operation.decorator';

@ApiTag('Links')
@Controller('api/links')
export class LinkQrCodeController {
  constructor(private readonly qrCodes: LinkQrCodeService) {}

  @Get(':slug/qr')
  @ApiOperation({
    summary: "A link's QR code (SVG or PNG)",
    description:
      'Encodes the short URL with `?qr=1`, so visits through it count as QR scans in the stats.',
    params: { slug: "The link's slug" },
    responses: { 200: { description: 'The image', mediaTypes: ['image/svg+xml', 'image/png'] } },
    errors: { 404: "No such link, or not the caller's" },
  })
  @RequiresScope('links:read')
  async forLink(
    @Param('slug') slug: string,
    @Query({ schema: qrCodeQuerySchema }) query: QrCodeQuery,
    @CurrentUser() caller: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    const image = await this.qrCodes.forLink(slug, caller, query);
    // The slug's pattern admits no quote or control character, so it is safe in the header.
    void reply
      .type(image.contentType)
      .header('cache-control', 'private, max-age=3600')
      .header('content-disposition', `inline; filename="${image.slug}-qr.${query.format}"`);
    return image.body;
  }
}
