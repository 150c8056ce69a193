/** Domain errors of the links feature. */
import { DomainError } from '../errors/domain.error';

export class LinkNotFoundError extends DomainError {
  constructor(slug: string) {
    super('LINK_NOT_FOUND', `No link with slug ${slug}`);
  }
}

export class LinkExpiredError extends DomainError {
  constructor(slug: string) {
    super('LINK_EXPIRED', `Link ${slug} has expired`);
  }
}

export class LinkExhaustedError extends DomainError {
  constructor(slug: string) {
    super('LINK_EXHAUSTED', `Link ${slug} has reached its maximum number of visits`);
  }
}

export class LinkPasswordWrongError extends DomainError {
  constructor(slug: string) {
    super('LINK_PASSWORD_WRONG', `Wrong password for link ${slug}`);
  }
}

export class SlugTakenError extends DomainError {
  constructor(slug: string) {
    super('SLUG_TAKEN', `Slug ${slug} is already taken`);
  }
}
