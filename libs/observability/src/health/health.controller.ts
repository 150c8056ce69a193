/**
 * `/health/live`: the process answers. `/health/ready`: what the dependency checks last found
 * (dependency-checker.service.ts), never a probe per call: 503 naming the dependency while a
 * required one (MySQL, RabbitMQ) is down, 200 otherwise; optional ones (Redis, the AI provider,
 * each read replica) are listed with their state but never fail it.
 */
import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { InfrastructureRoute } from '../infrastructure-route.decorator';
import { DependencyChecker } from './dependency-checker.service';
import { READ_REPLICAS_PROBE, type ReadReplicasProbe } from './read-replicas-status';
import { readinessReport, type ReadinessReport } from './readiness-report';

@InfrastructureRoute()
@Controller('health')
export class HealthController {
  constructor(
    private readonly checker: DependencyChecker,
    @Optional() @Inject(READ_REPLICAS_PROBE) private readonly replicas?: ReadReplicasProbe,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Answers the report itself with 503, whatever exception filter the app has. */
  @Get('ready')
  ready(@Res({ passthrough: true }) reply: FastifyReply): ReadinessReport {
    const report = readinessReport(this.checker.statuses(), this.replicas?.health() ?? {});
    if (report.status === 'error') void reply.status(503);
    return report;
  }
}
