/** Why an import stopped before the end of its file (the rows before were imported). */
import { DomainError } from '../errors/domain.error';

export class ImportTooLargeError extends DomainError {
  constructor(message: string) {
    super('IMPORT_TOO_LARGE', message);
  }
}

export class MalformedCsvError extends DomainError {
  constructor(detail: string) {
    super('MALFORMED_CSV', `The CSV cannot be read past this point: ${detail}`);
  }
}
