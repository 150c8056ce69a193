/** Links the suites create through the API, with the slug they choose. */
import { expect } from 'vitest';
import type { BearerHeader } from './accounts';
import { request } from './http-client';

export async function createLink(
  gatewayUrl: string,
  owner: BearerHeader,
  slug: string,
): Promise<void> {
  const created = await request(`${gatewayUrl}/api/links`, {
    method: 'POST',
    json: { url: `https://example.com/${slug}`, slug },
    headers: owner,
  });
  expect(created.status).toBe(201);
}
