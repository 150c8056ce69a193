/** Liveness and readiness endpoints, shared by the gateway and the worker. */
import { MessagingModule } from '@beacon/messaging';
import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { BrokerHealthIndicator } from './broker-health.indicator';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), MessagingModule],
  controllers: [HealthController],
  providers: [BrokerHealthIndicator],
})
export class HealthModule {}
