/**
 * The caller of an authenticated request, as JwtAuthGuard found it in the database (not as the
 * token claimed it: a role changed since the token was issued applies at once).
 * `@CurrentUser() user: AuthenticatedUser` hands it to a handler.
 */
import type { UserRole } from '@beacon/database';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export interface AuthenticatedUser {
  id: string;
  email: string;
  role: UserRole;
}

export type AuthenticatedRequest = FastifyRequest & { user?: AuthenticatedUser };

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
