/** Recognises MySQL's errors that callers handle, behind TypeORM's wrapper. */
import { QueryFailedError } from 'typeorm';

const ER_DUP_ENTRY = 1062;
const ER_LOCK_DEADLOCK = 1213;

/** A unique key was violated (ER_DUP_ENTRY). */
export function isDuplicateEntryError(error: unknown): boolean {
  return errnoOf(error) === ER_DUP_ENTRY;
}

/** InnoDB chose this transaction as a deadlock's victim and rolled it back: retry it. */
export function isDeadlockError(error: unknown): boolean {
  return errnoOf(error) === ER_LOCK_DEADLOCK;
}

function errnoOf(error: unknown): number | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return (error.driverError as { errno?: number } | undefined)?.errno;
}
