/** Thrown when the environment is invalid; its message is one line naming each variable. */
export class ConfigValidationError extends Error {
  override readonly name = 'ConfigValidationError';
}
