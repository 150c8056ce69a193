/**
 * `GET /api/test/fault` → 500, registered only when NODE_ENV=test: the e2e stack test uses it
 * to cause a burst of server errors and watch the alert travel through Prometheus and
 * Alertmanager. It never exists in development or production.
 */
import { Public } from '@beacon/auth';
import { Controller, Get, Module } from '@nestjs/common';

class DeliberateFaultError extends Error {
  constructor() {
    super('deliberate fault for the alerting test');
  }
}

@Public()
@Controller('api/test')
class FaultController {
  @Get('fault')
  fail(): never {
    throw new DeliberateFaultError();
  }
}

@Module({ controllers: [FaultController] })
export class FaultModule {}
