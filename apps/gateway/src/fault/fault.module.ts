/**
 * Routes registered only when NODE_ENV=test; they never exist in development or production.
 * - `GET /api/test/fault` → 500: the e2e stack test causes a burst of server errors with it and
 *   watches the alert travel through Prometheus and Alertmanager.
 * - `GET /api/test/admin-only`: the e2e suites prove the roles guard on it (no admin-only route
 *   of the API exists yet).
 * Both are left out of the API document (`@ApiHidden`).
 */
import { ApiHidden } from '../openapi/api-operation.decorator';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '@beacon/auth';
import { Controller, Get, Module } from '@nestjs/common';

class DeliberateFaultError extends Error {
  constructor() {
    super('deliberate fault for the alerting test');
  }
}

@ApiHidden()
@Controller('api/test')
class FaultController {
  @Public()
  @Get('fault')
  fail(): never {
    throw new DeliberateFaultError();
  }

  @Roles('admin')
  @Get('admin-only')
  adminOnly(@CurrentUser() caller: AuthenticatedUser): { email: string } {
    return { email: caller.email };
  }
}

@Module({ controllers: [FaultController] })
export class FaultModule {}
