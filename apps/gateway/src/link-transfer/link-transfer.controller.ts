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
import { ApiOperation, ApiTag } from '../openapi/api-operation.decorator';
import { csvDownload } from './csv-stream';
import { importReportSchema, stoppedImportSchema } from './import-report.view';
import { LinkExportService, LINK_EXPORT_COLUMNS } from './link-export.service';
import { LinkImportService, type ImportReport } from './link-import.service';
import { VisitExportService, VISIT_EXPORT_COLUMNS } from './visit-export.service';

type ImportAnswer =
  Omit<ImportReport, 'stoppedBy'> | (HttpErrorBody & Omit<ImportReport, 'stoppedBy'>);

@ApiTag('Links')
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
  @ApiOperation({
    summary: 'Create links from CSV, row by row',
    description:
      'Columns: url (required), slug, expiresAt, maxVisits, tags (`a|b`). Up to 10,000 rows and ' +
      '5 MB, read as it arrives. A bad row is reported and the others go on; no row leaves half ' +
      'a link.',
    rawBody: { mediaType: 'text/csv', description: 'A header line, then one link a line' },
    responses: {
      200: { description: 'One result per row', schema: importReportSchema },
      400: {
        description: 'Broken CSV: what was created before it, and why it stopped',
        schema: stoppedImportSchema,
      },
      413: {
        description: 'Over 10,000 rows or 5 MB: the rows before the limit were created',
        schema: stoppedImportSchema,
      },
    },
  })
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
  @ApiOperation({
    summary: "The caller's links as CSV (streamed), with their visit totals",
    description:
      'Cells a spreadsheet would run as formulas (=, +, -, @) are quoted with a leading apostrophe.',
    responses: { 200: { description: 'links.csv', mediaTypes: ['text/csv'] } },
  })
  @RequiresScope('links:read')
  export(@CurrentUser() caller: AuthenticatedUser): StreamableFile {
    return csvDownload('links.csv', LINK_EXPORT_COLUMNS, this.linkExports.records(caller));
  }

  @Get(':slug/visits/export')
  @ApiOperation({
    summary: "A link's raw visits as CSV (streamed) over a range of UTC days",
    params: { slug: "The link's slug" },
    responses: { 200: { description: '<slug>-visits.csv', mediaTypes: ['text/csv'] } },
    errors: { 404: "No such link, or not the caller's" },
  })
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
