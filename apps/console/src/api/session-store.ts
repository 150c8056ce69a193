/**
 * Where the tokens live: in memory while the page is open. The refresh token is left in
 * sessionStorage (this tab only) just for the tab's next page load, as the page goes
 * (`handOver` on pagehide), and taken out again as the next page starts: so a reload stays
 * signed in, while a tab the browser duplicates or the console opens, which starts with a copy
 * of sessionStorage, copies none. Two tabs never hold one refresh token: it is single use, and
 * the second tab to present it would end the login in both. docs/architecture.md "Console" says
 * why not localStorage or a cookie.
 */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

const REFRESH_TOKEN_KEY = 'beacon.refreshToken';

type TabStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export class SessionStore {
  private accessToken: string | undefined;
  private refreshToken: string | undefined;

  constructor(private readonly storage: TabStorage) {
    this.refreshToken = storage.getItem(REFRESH_TOKEN_KEY) ?? undefined;
    storage.removeItem(REFRESH_TOKEN_KEY);
  }

  get access(): string | undefined {
    return this.accessToken;
  }

  get refresh(): string | undefined {
    return this.refreshToken;
  }

  save(tokens: Tokens): void {
    this.accessToken = tokens.accessToken;
    this.refreshToken = tokens.refreshToken;
  }

  clear(): void {
    this.accessToken = undefined;
    this.refreshToken = undefined;
    this.storage.removeItem(REFRESH_TOKEN_KEY);
  }

  /** Leaves the refresh token for this tab's next page: the page is going (a reload, a link). */
  handOver(): void {
    if (this.refreshToken) this.storage.setItem(REFRESH_TOKEN_KEY, this.refreshToken);
  }

  /** The page is back from the browser's back-forward cache, alive: the token is in memory. */
  takeBack(): void {
    this.storage.removeItem(REFRESH_TOKEN_KEY);
  }
}

/** This tab's store, handed over and taken back with the page's own lifecycle events. */
export function tabSessionStore(): SessionStore {
  const session = new SessionStore(sessionStorage);
  addEventListener('pagehide', () => session.handOver());
  addEventListener('pageshow', (event) => event.persisted && session.takeBack());
  return session;
}
