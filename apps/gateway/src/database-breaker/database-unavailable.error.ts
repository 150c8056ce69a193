import { DomainError } from '../errors/domain.error';

/** MySQL cannot answer now (unreachable, too slow, or its circuit is open): 503. */
export class DatabaseUnavailableError extends DomainError {
  constructor() {
    super('DATABASE_UNAVAILABLE', 'The database is unavailable; try again shortly');
  }
}
