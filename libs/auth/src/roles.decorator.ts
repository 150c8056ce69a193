/** `@Roles('admin')`: only callers with one of these roles pass RolesGuard (403 otherwise). */
import type { UserRole } from '@beacon/database';
import { SetMetadata } from '@nestjs/common';

export const REQUIRED_ROLES = 'beacon:required-roles';

export const Roles = (...roles: UserRole[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);
