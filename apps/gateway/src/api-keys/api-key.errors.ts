/** Domain errors of the API keys feature. */
import { DomainError } from '../errors/domain.error';

export class ApiKeyNotFoundError extends DomainError {
  constructor(id: string) {
    super('API_KEY_NOT_FOUND', `No API key with id ${id}`);
  }
}

/** A scope the caller's role may not hand to a key (products:write for a non-admin). */
export class ScopeNotGrantableError extends DomainError {
  constructor(scope: string) {
    super('SCOPE_NOT_GRANTABLE', `Only admins may grant ${scope}`);
  }
}
