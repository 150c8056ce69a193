/** zod schemas of the auth API's input; the validation pipe names each failing field. */
import { z } from 'zod';
import { jsonBody } from '../validation/json-body';

export const MIN_PASSWORD_LENGTH = 10;
/** Far above any passphrase, and argon2 hashes long inputs in constant memory anyway. */
export const MAX_PASSWORD_LENGTH = 256;
const MAX_EMAIL_LENGTH = 254;

/** Trimmed and lower-cased: one account per mailbox, whatever the caller's capitalisation. */
export const emailSchema = z
  .string({ error: 'required, a string' })
  .trim()
  .toLowerCase()
  .max(MAX_EMAIL_LENGTH, `at most ${MAX_EMAIL_LENGTH} characters`)
  .pipe(z.email({ error: 'must be an email address' }));

const newPasswordSchema = z
  .string({ error: 'required, a string' })
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`);

/** Login does not tell a too-short password from a wrong one; it only bounds the work. */
const givenPasswordSchema = z
  .string({ error: 'required, a string' })
  .min(1, 'required')
  .max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`);

export const registerSchema = jsonBody({ email: emailSchema, password: newPasswordSchema });
export const loginSchema = jsonBody({ email: emailSchema, password: givenPasswordSchema });
export const refreshTokenSchema = jsonBody({
  refreshToken: z
    .string({ error: 'required, a string' })
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a refresh token issued by this API'),
});

export type Credentials = z.infer<typeof registerSchema>;
export type RefreshTokenInput = z.infer<typeof refreshTokenSchema>;
