/**
 * `GET /metrics` in the Prometheus text format, behind MetricsAccessGuard (its own token, not a
 * user's JWT: public for the gateway's JWT guard).
 */
import { Public } from '@beacon/auth';
import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { MetricsAccessGuard } from './metrics-access.guard';

@Public()
@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  @UseGuards(MetricsAccessGuard)
  override index(@Res({ passthrough: true }) response: unknown): Promise<string> {
    return super.index(response);
  }
}
