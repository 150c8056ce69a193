/**
 * `GET /` (the console's page) and `GET /assets/:file` (its scripts and styles), from the build
 * found at start. Without a build (`npm run build` not run), `/` sends a visitor to the docs
 * as it did before the console, and says so once in the log.
 */
import { Public } from '@beacon/auth';
import {
  Controller,
  Get,
  Logger,
  NotFoundException,
  Param,
  Res,
  type OnModuleInit,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiTag } from '../openapi/api-operation.decorator';
import { consoleFolder, loadConsoleBuild, type ConsoleBuild } from './console-build';
import {
  ASSET_CACHE_CONTROL,
  CONSOLE_CONTENT_SECURITY_POLICY,
  INDEX_CACHE_CONTROL,
} from './console-headers';

@Public()
@ApiTag('Console')
@Controller()
export class ConsoleController implements OnModuleInit {
  private readonly logger = new Logger('Console');
  private build: ConsoleBuild | undefined;

  onModuleInit(): void {
    const folder = consoleFolder();
    this.build = folder ? loadConsoleBuild(folder) : undefined;
    if (this.build) this.logger.log(`serving the console from ${folder}`);
    else this.logger.warn(`no console build in ${folder ?? 'dist/console'}: / redirects to /docs`);
  }

  @Get()
  @ApiOperation({
    summary: 'The web console for link owners',
    description: 'Redirects to /docs when the console was not built.',
    responses: {
      200: { description: 'The console page', mediaTypes: ['text/html'] },
      302: { description: 'To /docs (no console build)' },
    },
  })
  page(@Res() reply: FastifyReply): void {
    if (!this.build) return void reply.redirect('/docs', 302);
    void reply
      .type('text/html; charset=utf-8')
      .header('cache-control', INDEX_CACHE_CONTROL)
      .header('content-security-policy', CONSOLE_CONTENT_SECURITY_POLICY)
      .send(this.build.indexHtml);
  }

  @Get('assets/:file')
  @ApiOperation({
    summary: 'A file of the console (script or style sheet, its name hashed)',
    params: { file: 'A file name from the console page' },
    responses: {
      200: { description: 'The file', mediaTypes: ['text/javascript', 'text/css'] },
    },
    errors: { 404: 'No such file' },
  })
  asset(@Param('file') name: string, @Res({ passthrough: true }) reply: FastifyReply): Buffer {
    const file = this.build?.assets.get(name);
    if (!file) throw new NotFoundException(`No console file ${name}`);
    void reply
      .type(file.mediaType)
      .header('cache-control', ASSET_CACHE_CONTROL)
      .header('content-security-policy', CONSOLE_CONTENT_SECURITY_POLICY);
    return file.body;
  }
}
