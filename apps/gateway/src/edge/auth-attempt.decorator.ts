/**
 * Routes where guessing pays. `@AuthAttempt()` (login, register, refresh) adds the stricter `auth`
 * limit, AUTH_RATE_LIMIT_MAX per window, counted per route and client IP. `@LinkPasswordAttempt()`
 * (a protected link's password) adds that one and a per-link limit over all clients, so that a
 * password cannot be guessed from many addresses either.
 */
import { applyDecorators, SetMetadata, type ExecutionContext } from '@nestjs/common';

const AUTH_ATTEMPT = 'beacon:auth-attempt';
const LINK_PASSWORD_ATTEMPT = 'beacon:link-password-attempt';

export const AuthAttempt = (): MethodDecorator => SetMetadata(AUTH_ATTEMPT, true);

export const LinkPasswordAttempt = (): MethodDecorator =>
  applyDecorators(SetMetadata(AUTH_ATTEMPT, true), SetMetadata(LINK_PASSWORD_ATTEMPT, true));

export const isAuthAttempt = handlerFlag(AUTH_ATTEMPT);
export const isLinkPasswordAttempt = handlerFlag(LINK_PASSWORD_ATTEMPT);

/** Read on every request by the rate limits' `skipIf`: remembered per handler (it never changes). */
function handlerFlag(key: string): (context: ExecutionContext) => boolean {
  const flags = new WeakMap<object, boolean>();
  return (context) => {
    const handler = context.getHandler();
    let flag = flags.get(handler);
    if (flag === undefined) {
      flag = Reflect.getMetadata(key, handler) === true;
      flags.set(handler, flag);
    }
    return flag;
  };
}
