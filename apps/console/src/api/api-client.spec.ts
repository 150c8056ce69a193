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
      if (refreshAnswers === 200) return json(200, { accessToken: 'fresh', refreshToken: 'r2' });
      return refreshAnswers === 401
        ? json(401, { message: 'Unknown refresh token' })
        : json(refreshAnswers, { message: 'Service Unavailable' });
    }
    return auth === 'Bearer fresh' ? json(200, { items: [] }) : json(401, { message: 'Expired' });
  });
  return {
    client: new ApiClient(session, signedOut, send as typeof fetch),
    session,
    signedOut,
    calls,
    send,
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

  it('keeps the session when the server fails the refresh (a 5xx is no verdict on the token)', async () => {
    const { client, session, signedOut } = clientWith(503);
    await expect(client.call('GET', '/api/links')).rejects.toMatchObject({ status: 503 });
    expect(session.refresh).toBe('r1');
    expect(signedOut).not.toHaveBeenCalled();
  });

  it('opens a non-JSON body with the same refresh, passing headers and the abort signal', async () => {
    const { client, calls, send } = clientWith(200);
    const abort = new AbortController();
    const response = await client.open('/api/links/a/qr', {
      headers: { 'last-event-id': '7' },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(calls).toEqual(['/api/links/a/qr', '/auth/refresh', '/api/links/a/qr']);
    const retried = send.mock.calls[2][1];
    expect(new Headers(retried?.headers).get('last-event-id')).toBe('7');
    expect(new Headers(retried?.headers).get('authorization')).toBe('Bearer fresh');
    expect(retried?.signal).toBe(abort.signal);
  });

  it('ends the session when opening a body fails to refresh', async () => {
    const { client, signedOut } = clientWith(401);
    await expect(client.blob('/api/links/a/qr')).rejects.toBeInstanceOf(ApiError);
    expect(signedOut).toHaveBeenCalledOnce();
  });
});
