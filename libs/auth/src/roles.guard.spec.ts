import { ForbiddenException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import type { AuthenticatedUser } from './authenticated-user';
import { Roles } from './roles.decorator';
import { RolesGuard } from './roles.guard';

class Routes {
  @Roles('admin')
  adminOnly(): void {}

  open(): void {}
}

function contextFor(handler: keyof Routes, user?: AuthenticatedUser): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ user }) }),
  } as unknown as ExecutionContext;
}

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());
  const admin: AuthenticatedUser = { id: '1', email: 'a@b.io', role: 'admin' };
  const user: AuthenticatedUser = { id: '2', email: 'u@b.io', role: 'user' };

  it('lets a caller with the role through', () => {
    expect(guard.canActivate(contextFor('adminOnly', admin))).toBe(true);
  });

  it('refuses a caller without the role, or without a user, with 403', () => {
    expect(() => guard.canActivate(contextFor('adminOnly', user))).toThrow(ForbiddenException);
    expect(() => guard.canActivate(contextFor('adminOnly'))).toThrow('Requires the admin role');
  });

  it('passes routes without @Roles', () => {
    expect(guard.canActivate(contextFor('open', user))).toBe(true);
  });
});
