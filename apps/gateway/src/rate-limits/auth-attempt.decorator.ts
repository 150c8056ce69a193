/**
 * Routes where guessing pays. `@AuthAttempt()` (login, register, refresh) puts a route in the
 * strict `auth` class, whose bucket (AUTH_RATE_LIMIT_MAX per window) each client shares across
 * those routes. `@LinkPasswordAttempt()` (a protected link's password) does the same and adds a
 * bucket per link over all clients, so that a password cannot be guessed from many addresses
 * either.
 */
import { applyDecorators, SetMetadata, type ExecutionContext } from '@nestjs/common';

const AUTH_ATTEMPT = 'beacon:auth-attempt';
const LINK_PASSWORD_ATTEMPT = 'beacon:link-password-attempt';

export const AuthAttempt = (): MethodDecorator => SetMetadata(AUTH_ATTEMPT, true);

export const LinkPasswordAttempt = (): MethodDecorator =>
  applyDecorators(SetMetadata(AUTH_ATTEMPT, true), SetMetadata(LINK_PASSWORD_ATTEMPT, true));

export const isAuthAttempt = handlerFlag(AUTH_ATTEMPT);
export const isLinkPasswordAttempt = handlerFlag(LINK_PASSWORD_ATTEMPT);

/** Read on every request by the rate-limit guard: remembered per handler (it never changes). */
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
