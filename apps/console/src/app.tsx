/**
 * The console's two states: signed out (the sign-in page) and signed in (the links page). A
 * refresh token kept by this tab signs the visitor back in after a reload.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient } from './api/api-client';
import { SessionStore } from './api/session-store';
import { LinksPage } from './pages/links-page';
import { SignInPage } from './pages/sign-in-page';

type State = 'starting' | 'signed-out' | 'signed-in';

export function App() {
  const [state, setState] = useState<State>('starting');
  const api = useMemo(
    () => new ApiClient(new SessionStore(sessionStorage), () => setState('signed-out')),
    [],
  );

  useEffect(() => {
    api.resume().then((resumed) => setState(resumed ? 'signed-in' : 'signed-out'));
  }, [api]);

  const signOut = () => {
    setState('signed-out');
    // The local session is gone either way; a failed logout call only leaves the token to expire.
    api.signOut().catch(() => undefined);
  };

  if (state === 'starting') return <p aria-busy="true">Loading…</p>;
  if (state === 'signed-out')
    return <SignInPage api={api} onSignedIn={() => setState('signed-in')} />;
  return <LinksPage api={api} onSignOut={signOut} />;
}
