/**
 * `/health/live`: the process answers. `/health/ready`: MySQL and RabbitMQ are reachable, else
 * 503 with the failing dependency named (orchestrators stop routing traffic here).
 */
import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { BrokerHealthIndicator } from './broker-health.indicator';

const DATABASE_PING_TIMEOUT_MS = 1_500;

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly broker: BrokerHealthIndicator,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('mysql', { timeout: DATABASE_PING_TIMEOUT_MS }),
      () => this.broker.check('rabbitmq'),
    ]);
  }
}
