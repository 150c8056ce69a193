/**
 * Sign in, or register a new account (the same form: POST /auth/login or /auth/register). It
 * takes focus as it appears: after signing out, or a session that ended, the control last used
 * is gone.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { Alert } from '../components/alert';
import { SubmitButton } from '../components/submit-button';
import { useFormSubmit } from '../components/use-form-submit';
import { TextField } from '../components/text-field';

type Mode = 'sign-in' | 'register';

interface SignInPageProps {
  api: ApiClient;
  onSignedIn: () => void;
  /** Why the visitor is here again, when the console signed them out itself. */
  notice?: string;
}

export function SignInPage({ api, onSignedIn, notice }: SignInPageProps) {
  const [mode, setMode] = useState<Mode>('sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const registering = mode === 'register';
  const page = useRef<HTMLElement>(null);
  useEffect(() => page.current?.focus(), []);

  const { errors, busy, submit, clearErrors } = useFormSubmit(async () => {
    await api.signIn(registering ? '/auth/register' : '/auth/login', { email, password });
    onSignedIn();
  });

  const switchMode = () => {
    setMode(registering ? 'sign-in' : 'register');
    clearErrors();
  };

  return (
    <main class="narrow" tabIndex={-1} ref={page}>
      <h1>{registering ? 'Create an account' : 'Sign in'}</h1>
      <form onSubmit={submit} noValidate>
        <Alert message={errors.general ?? notice} />
        <TextField
          name="email"
          label="Email"
          type="email"
          value={email}
          onInput={setEmail}
          error={errors.fields.email}
          autoComplete="email"
          required
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          value={password}
          onInput={setPassword}
          error={errors.fields.password}
          hint={registering ? 'At least 10 characters.' : undefined}
          autoComplete={registering ? 'new-password' : 'current-password'}
          required
        />
        <SubmitButton busy={busy}>{registering ? 'Register' : 'Sign in'}</SubmitButton>
      </form>
      <p>
        <button type="button" class="link" onClick={switchMode}>
          {registering ? 'I have an account: sign in' : 'New here? Create an account'}
        </button>
      </p>
    </main>
  );
}
