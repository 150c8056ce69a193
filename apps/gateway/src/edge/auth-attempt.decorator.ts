/**
 * `@AuthAttempt()` marks a route where guessing pays (login, register, a link's password): on top
 * of the global limit, it gets the stricter `auth` limit, AUTH_RATE_LIMIT_MAX per window, counted
 * per route and client IP.
 */
import { SetMetadata, type ExecutionContext } from '@nestjs/common';

const AUTH_ATTEMPT = 'beacon:auth-attempt';

export const AuthAttempt = (): MethodDecorator => SetMetadata(AUTH_ATTEMPT, true);

export function isAuthAttempt(context: ExecutionContext): boolean {
  return Reflect.getMetadata(AUTH_ATTEMPT, context.getHandler()) === true;
}
