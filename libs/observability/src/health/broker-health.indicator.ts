/** Terminus indicator: the message broker is reachable when the app's connection is up. */
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';

/** What readiness needs to know of a broker connection (RabbitConnection provides it). */
export interface BrokerConnectionProbe {
  isConnected(): boolean;
}

export const BROKER_CONNECTION_PROBE = Symbol('BROKER_CONNECTION_PROBE');

@Injectable()
export class BrokerHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(BROKER_CONNECTION_PROBE) private readonly connection: BrokerConnectionProbe,
  ) {}

  check(key: string) {
    const indicator = this.indicators.check(key);
    return this.connection.isConnected()
      ? indicator.up()
      : indicator.down({ message: 'not connected to RabbitMQ' });
  }
}
