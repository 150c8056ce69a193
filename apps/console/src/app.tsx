/**
 * The console's states: signed out (the sign-in page) and signed in (the console, once
 * GET /auth/me has said who is signed in). A refresh token kept by this tab signs the visitor
 * back in after a reload. A server that fails to answer then is said so, with a retry; a session
 * the API ends (its login revoked or its refresh token spent elsewhere) is said so on sign in.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient } from './api/api-client';
import { ApiError } from './api/api-error';
import { tabSessionStore } from './api/session-store';
import { ConsoleShell } from './shell/console-shell';
import type { CurrentUser } from './shell/current-user';
import { ServerUnreachable } from './shell/server-unreachable';
import { SignInPage } from './sign-in/sign-in-page';

type State = 'starting' | 'unreachable' | 'signed-out' | 'session-ended' | CurrentUser;

export function App() {
  const [state, setState] = useState<State>('starting');
  const api = useMemo(() => new ApiClient(tabSessionStore(), () => setState('session-ended')), []);

  // The API's refusal means signing in again; a server error or no answer is worth a retry.
  const failed = (error: unknown) =>
    setState(error instanceof ApiError && error.status < 500 ? 'signed-out' : 'unreachable');
  const enter = () => api.call<CurrentUser>('GET', '/auth/me').then(setState, failed);
  const start = () => {
    setState('starting');
    api.resume().then((resumed) => (resumed ? enter() : setState('signed-out')), failed);
  };

  useEffect(start, [api]);

  const signOut = () => {
    setState('signed-out');
    // The local session is gone either way; a failed logout call only leaves the token to expire.
    api.signOut().catch(() => undefined);
  };

  if (state === 'starting') return <p aria-busy="true">Loading…</p>;
  if (state === 'unreachable') return <ServerUnreachable onRetry={start} />;
  if (state === 'signed-out' || state === 'session-ended') {
    const notice = state === 'session-ended' ? 'Your session has ended: sign in again.' : undefined;
    return <SignInPage api={api} onSignedIn={enter} notice={notice} />;
  }
  return <ConsoleShell api={api} user={state} onSignOut={signOut} />;
}
