/** Terminus indicator: RabbitMQ is reachable when the app's connection is up. */
import { RabbitConnection } from '@beacon/messaging';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';

@Injectable()
export class BrokerHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly connection: RabbitConnection,
  ) {}

  check(key: string) {
    const indicator = this.indicators.check(key);
    return this.connection.isConnected()
      ? indicator.up()
      : indicator.down({ message: 'not connected to RabbitMQ' });
  }
}
