/**
 * `/health/live`: the process answers. `/health/ready`: MySQL and RabbitMQ are reachable, else
 * 503 with the failing dependency named (orchestrators stop routing traffic here); with read
 * replicas, also which of them serve, never failing for them.
 */
import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheckService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { BrokerHealthIndicator } from './broker-health.indicator';
import { InfrastructureRoute } from '../infrastructure-route.decorator';
import { ReplicaHealthIndicator } from './replica-health.indicator';

const DATABASE_PING_TIMEOUT_MS = 1_500;

@InfrastructureRoute()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly broker: BrokerHealthIndicator,
    private readonly replicas: ReplicaHealthIndicator,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Answers the health report itself with 503, whatever exception filter the app has. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('mysql', { timeout: DATABASE_PING_TIMEOUT_MS }),
        () => this.broker.check('rabbitmq'),
        ...(this.replicas.reporting ? [() => this.replicas.check('mysql-replicas')] : []),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
