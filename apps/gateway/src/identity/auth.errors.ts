/** Domain errors of the identity feature. */
import { DomainError } from '../errors/domain.error';

export class EmailTakenError extends DomainError {
  constructor() {
    super('EMAIL_TAKEN', 'An account with this email already exists');
  }
}

/** The same answer for an unknown email, a wrong password and a disabled account. */
export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('INVALID_CREDENTIALS', 'Invalid email or password');
  }
}

export type RefreshRefusal = 'unknown' | 'expired' | 'revoked' | 'reused';

const REFUSAL_MESSAGES: Record<RefreshRefusal, string> = {
  unknown: 'Unknown refresh token',
  expired: 'Refresh token expired',
  revoked: 'Refresh token revoked',
  reused: 'Refresh token already used: every token of this login is now revoked',
};

export class InvalidRefreshTokenError extends DomainError {
  constructor(readonly refusal: RefreshRefusal) {
    super('INVALID_REFRESH_TOKEN', REFUSAL_MESSAGES[refusal]);
  }
}
