/** Recognises MySQL's duplicate-key error (ER_DUP_ENTRY, 1062) behind TypeORM's wrapper. */
import { QueryFailedError } from 'typeorm';

const ER_DUP_ENTRY = 1062;

export function isDuplicateEntryError(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { errno?: number } | undefined;
  return driverError?.errno === ER_DUP_ENTRY;
}
