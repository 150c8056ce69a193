/**
 * Where the tokens live: the access token in memory only (a reload drops it; the refresh token
 * gets a new one), the refresh token in sessionStorage (this tab only, gone when it closes).
 * docs/architecture.md "Console" says why not localStorage or a cookie.
 */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

const REFRESH_TOKEN_KEY = 'beacon.refreshToken';

export class SessionStore {
  private accessToken: string | undefined;

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>) {}

  get access(): string | undefined {
    return this.accessToken;
  }

  get refresh(): string | undefined {
    return this.storage.getItem(REFRESH_TOKEN_KEY) ?? undefined;
  }

  save(tokens: Tokens): void {
    this.accessToken = tokens.accessToken;
    this.storage.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
  }

  clear(): void {
    this.accessToken = undefined;
    this.storage.removeItem(REFRESH_TOKEN_KEY);
  }
}
