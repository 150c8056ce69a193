import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from './api-client';
import { ApiError } from './api-error';
import { SessionStore } from './session-store';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

/** A client whose server answers 401 to `stale` access tokens and trades refresh tokens once. */
function clientWith(refreshAnswers: number) {
  const session = new SessionStore(memoryStorage());
  session.save({ accessToken: 'stale', refreshToken: 'r1' });
  const signedOut = vi.fn();
  const calls: string[] = [];
  const send = vi.fn(async (path: string | URL | Request, init?: RequestInit) => {
    calls.push(String(path));
    const auth = new Headers(init?.headers).get('authorization');
    if (path === '/auth/refresh') {
      return refreshAnswers === 200
        ? json(200, { accessToken: 'fresh', refreshToken: 'r2' })
        : json(401, { message: 'Unknown refresh token' });
    }
    return auth === 'Bearer fresh' ? json(200, { items: [] }) : json(401, { message: 'Expired' });
  });
  return {
    client: new ApiClient(session, signedOut, send as typeof fetch),
    session,
    signedOut,
    calls,
  };
}

describe('the console API client', () => {
  it('refreshes once on a 401 and retries with the new access token', async () => {
    const { client, session, calls } = clientWith(200);
    await expect(client.call('GET', '/api/links')).resolves.toEqual({ items: [] });
    expect(calls).toEqual(['/api/links', '/auth/refresh', '/api/links']);
    expect(session.refresh).toBe('r2');
  });

  it('shares one refresh between concurrent 401s (a refresh token is single use)', async () => {
    const { client, calls } = clientWith(200);
    await Promise.all([client.call('GET', '/api/links'), client.call('GET', '/api/links')]);
    expect(calls.filter((path) => path === '/auth/refresh')).toHaveLength(1);
  });

  it('ends the session when the refresh fails', async () => {
    const { client, session, signedOut } = clientWith(401);
    await expect(client.call('GET', '/api/links')).rejects.toBeInstanceOf(ApiError);
    expect(session.refresh).toBeUndefined();
    expect(signedOut).toHaveBeenCalledOnce();
  });
});
