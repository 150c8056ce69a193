/**
 * Why a request made with an API key was refused, as the exception that answers it; `result` is
 * its `auth_attempts_total{action="api_key"}` label. A refusal names its reason: only the
 * holder of the very key can reach `revoked`, `expired` or a missing scope, so nothing is told
 * to anyone else.
 */
import { ForbiddenException, UnauthorizedException } from '@nestjs/common';

export type ApiKeyRefusal = 'invalid_key' | 'revoked' | 'expired' | 'account_disabled';

const REFUSAL_MESSAGES: Record<ApiKeyRefusal, string> = {
  invalid_key: 'Invalid API key',
  revoked: 'API key revoked',
  expired: 'API key expired',
  account_disabled: 'API key of a disabled account',
};

export class ApiKeyRefusedError extends UnauthorizedException {
  constructor(readonly result: ApiKeyRefusal) {
    super(REFUSAL_MESSAGES[result]);
  }
}

/** A valid key on a route it may not call: one without the scope, or one for access tokens only. */
export class ApiKeyScopeError extends ForbiddenException {
  private constructor(
    readonly result: 'missing_scope' | 'access_token_only',
    message: string,
  ) {
    super(message);
  }

  static missing(scope: string): ApiKeyScopeError {
    return new ApiKeyScopeError('missing_scope', `missing scope ${scope}`);
  }

  static accessTokenOnly(): ApiKeyScopeError {
    return new ApiKeyScopeError(
      'access_token_only',
      'This route needs an access token: API keys cannot call it',
    );
  }
}
