/**
 * Shown when the console cannot even start (the server failed to answer while resuming the
 * session): the reason and a way to try again, instead of a page left loading for ever.
 */
import { useEffect, useRef } from 'preact/hooks';
import { Alert } from '../components/alert';

export function ServerUnreachable({ onRetry }: { onRetry: () => void }) {
  const page = useRef<HTMLElement>(null);
  // Try again unmounts the button pressed: focus comes back here when the retry fails too.
  useEffect(() => page.current?.focus(), []);
  return (
    <main class="narrow" tabIndex={-1} ref={page}>
      <h1>Beacon</h1>
      <Alert message="The server is not available right now. Check your connection and try again." />
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </main>
  );
}
