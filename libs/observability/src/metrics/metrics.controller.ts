/** `GET /metrics` in the Prometheus text format, behind MetricsAccessGuard. */
import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { MetricsAccessGuard } from './metrics-access.guard';

@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  @UseGuards(MetricsAccessGuard)
  override index(@Res({ passthrough: true }) response: unknown): Promise<string> {
    return super.index(response);
  }
}
