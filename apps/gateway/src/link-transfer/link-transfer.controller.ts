/**
 * Links in and out as CSV: `POST /api/links/import` (text/csv), `GET /api/links/export` and
 * `GET /api/links/:slug/visits/export?from=&to=`. Downloads stream; the import answers a
 * per-row report, with the error body's status and message when it stopped early.
 */
import { CurrentUser, RequiresScope, type AuthenticatedUser } from '@beacon/auth';
import {
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { dayRangeQuerySchema, type DayRange } from '../analytics/day-range.schemas';
import { toHttpErrorBody, type HttpErrorBody } from '../errors/http-error-body';
import { csvDownload } from './csv-stream';
import { LinkExportService, LINK_EXPORT_COLUMNS } from './link-export.service';
import { LinkImportService, type ImportReport } from './link-import.service';
import { VisitExportService, VISIT_EXPORT_COLUMNS } from './visit-export.service';

type ImportAnswer =
  Omit<ImportReport, 'stoppedBy'> | (HttpErrorBody & Omit<ImportReport, 'stoppedBy'>);

@Controller('api/links')
export class LinkTransferController {
  constructor(
    private readonly imports: LinkImportService,
    private readonly linkExports: LinkExportService,
    private readonly visitExports: VisitExportService,
  ) {}

  @Post('import')
  @RequiresScope('links:write')
  @HttpCode(200)
  async import(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<ImportAnswer> {
    if (!(request.body instanceof Readable)) {
      throw new UnsupportedMediaTypeException('Send the links as content-type text/csv');
    }
    const { stoppedBy, ...report } = await this.imports.import(request.body, caller);
    if (!stoppedBy) return report;
    const error = toHttpErrorBody(stoppedBy, request.id);
    void reply.status(error.statusCode);
    return { ...error, ...report };
  }

  @Get('export')
  @RequiresScope('links:read')
  export(@CurrentUser() caller: AuthenticatedUser): StreamableFile {
    return csvDownload('links.csv', LINK_EXPORT_COLUMNS, this.linkExports.records(caller));
  }

  @Get(':slug/visits/export')
  @RequiresScope('stats:read')
  async exportVisits(
    @Param('slug') slug: string,
    @Query({ schema: dayRangeQuerySchema }) range: DayRange,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<StreamableFile> {
    const records = await this.visitExports.records(slug, caller, range);
    return csvDownload(`${slug}-visits.csv`, VISIT_EXPORT_COLUMNS, records);
  }
}
