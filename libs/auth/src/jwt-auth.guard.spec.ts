import { INFRASTRUCTURE_ROUTE } from '@beacon/observability';
import { SetMetadata, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserEntity } from '@beacon/database';
import type { Repository } from 'typeorm';
import { describe, expect, it } from 'vitest';
import type { AccessTokens } from './access-tokens.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { Public } from './public.decorator';

class UserRoutes {
  @Public()
  open(): void {}

  guarded(): void {}
}

@SetMetadata(INFRASTRUCTURE_ROUTE, true)
class ProbeRoutes {
  live(): void {}
}

function anonymousCall(controller: object, handler: () => void): ExecutionContext {
  return {
    getHandler: () => handler,
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => ({ headers: {} }) }),
  } as unknown as ExecutionContext;
}

describe('JwtAuthGuard', () => {
  // Anonymous calls never reach the token check or the user lookup.
  const guard = new JwtAuthGuard(new Reflector(), {} as AccessTokens, {} as Repository<UserEntity>);

  it('lets anonymous callers through @Public() routes and infrastructure routes', () => {
    expect(guard.canActivate(anonymousCall(UserRoutes, UserRoutes.prototype.open))).toBe(true);
    expect(guard.canActivate(anonymousCall(ProbeRoutes, ProbeRoutes.prototype.live))).toBe(true);
  });

  it('refuses anonymous callers of any other route with 401', async () => {
    await expect(
      guard.canActivate(anonymousCall(UserRoutes, UserRoutes.prototype.guarded)),
    ).rejects.toThrow(UnauthorizedException);
  });
});
