/**
 * Enforces `@Roles(...)` after JwtAuthGuard has put the caller on the request: a caller without
 * one of the roles gets 403. Routes without `@Roles` pass.
 */
import type { UserRole } from '@beacon/database';
import {
  ForbiddenException,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from './authenticated-user';
import { REQUIRED_ROLES } from './roles.decorator';
import { routeMetadata } from './route-metadata';

@Injectable()
export class RolesGuard implements CanActivate {
  private readonly requiredRoles: (context: ExecutionContext) => UserRole[] | undefined;

  constructor(reflector: Reflector) {
    this.requiredRoles = routeMetadata(reflector, REQUIRED_ROLES);
  }

  canActivate(context: ExecutionContext): boolean {
    const roles = this.requiredRoles(context);
    if (!roles) return true;
    const { user } = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (user && roles.includes(user.role)) return true;
    throw new ForbiddenException(`Requires the ${roles.join(' or ')} role`);
  }
}
