/**
 * `GET /metrics` in the Prometheus text format, behind MetricsAccessGuard (its own token, not a
 * user's JWT: an infrastructure route, which the gateway's JWT guard lets through).
 */
import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { MetricsAccessGuard } from './metrics-access.guard';
import { InfrastructureRoute } from '../infrastructure-route.decorator';

@InfrastructureRoute()
@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  @UseGuards(MetricsAccessGuard)
  override index(@Res({ passthrough: true }) response: unknown): Promise<string> {
    return super.index(response);
  }
}
