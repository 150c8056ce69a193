/** Domain errors of the webhooks feature. */
import { DomainError } from '../errors/domain.error';

export class WebhookNotFoundError extends DomainError {
  constructor(id: string) {
    super('WEBHOOK_NOT_FOUND', `No webhook with id ${id}`);
  }
}
