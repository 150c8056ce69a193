/** A request refused by a rate limit: 429, with the seconds to wait in the message. */
import { DomainError } from '../errors/domain.error';

export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many requests: try again in ${retryAfterSeconds} s`);
  }
}
