/** Accounts for the e2e suites: register a fresh user and get its `Authorization` header. */
import { randomUUID } from 'node:crypto';
import { request } from './http-client';

export type BearerHeader = { authorization: string };

export const TEST_PASSWORD = 'correct horse battery';

export async function signUp(
  gatewayUrl: string,
  email = `user-${randomUUID()}@example.com`,
): Promise<BearerHeader> {
  const registered = await request(`${gatewayUrl}/auth/register`, {
    method: 'POST',
    json: { email, password: TEST_PASSWORD },
  });
  if (registered.status !== 201) {
    throw new Error(`register ${email}: ${registered.status} ${JSON.stringify(registered.body)}`);
  }
  return { authorization: `Bearer ${registered.body.accessToken}` };
}
