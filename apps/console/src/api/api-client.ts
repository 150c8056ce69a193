/**
 * Calls the gateway's public API (same origin) with the access token. On a 401 it trades the
 * refresh token for a new pair once and retries; a refresh that fails ends the session. Refresh
 * tokens are single use and a reused one ends the whole login, so concurrent 401s share one
 * refresh instead of each spending the token. A refresh the server fails to answer (a 5xx, no
 * answer at all) says nothing about the token: it is kept for the next try, and the call fails.
 */
import { ApiError } from './api-error';
import type { SessionStore, Tokens } from './session-store';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface OpenOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export class ApiClient {
  private refreshing: Promise<boolean> | undefined;

  constructor(
    private readonly session: SessionStore,
    private readonly onSignedOut: () => void,
    private readonly send: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  /** Signs in (or registers) and keeps the tokens. */
  async signIn(path: '/auth/login' | '/auth/register', credentials: object): Promise<void> {
    this.session.save(await this.call<Tokens>('POST', path, credentials, false));
  }

  /** Gets an access token from a refresh token kept by an earlier page load, if any. */
  resume(): Promise<boolean> {
    return this.refreshOnce();
  }

  async signOut(): Promise<void> {
    const refreshToken = this.session.refresh;
    this.session.clear();
    if (refreshToken) await this.call('POST', '/auth/logout', { refreshToken }, false);
  }

  async call<T>(method: Method, path: string, body?: unknown, authenticated = true): Promise<T> {
    const send = () => this.fetch(method, path, body, authenticated);
    const response = await this.answer(send, authenticated);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  /** A GET whose body is not JSON (an image, a stream), as a Response, with the same refresh. */
  open(path: string, options: OpenOptions = {}): Promise<Response> {
    return this.answer(() => this.fetch('GET', path, undefined, true, options), true);
  }

  async blob(path: string): Promise<Blob> {
    return (await this.open(path)).blob();
  }

  private fetch(
    method: Method,
    path: string,
    body: unknown,
    authenticated: boolean,
    { headers: extra = {}, signal }: OpenOptions = {},
  ) {
    const headers: Record<string, string> = { ...extra };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (authenticated && this.session.access) {
      headers.authorization = `Bearer ${this.session.access}`;
    }
    return this.send(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  }

  /** Sends; on a 401 refreshes once and sends again, and a second 401 ends the session. */
  private async answer(send: () => Promise<Response>, authenticated: boolean) {
    let response = await send();
    if (response.status === 401 && authenticated && (await this.refreshOnce())) {
      response = await send();
    }
    if (response.status === 401 && authenticated) this.endSession();
    if (!response.ok) throw await ApiError.from(response);
    return response;
  }

  private refreshOnce(): Promise<boolean> {
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refresh(): Promise<boolean> {
    const refreshToken = this.session.refresh;
    if (!refreshToken) return false;
    const response = await this.fetch('POST', '/auth/refresh', { refreshToken }, false);
    if (response.status >= 500) throw await ApiError.from(response);
    if (!response.ok) {
      this.session.clear();
      return false;
    }
    this.session.save((await response.json()) as Tokens);
    return true;
  }

  private endSession(): void {
    this.session.clear();
    this.onSignedOut();
  }
}
