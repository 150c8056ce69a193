/**
 * The secret of a key just created, shown this once: the API keeps only its hash. A Copy button
 * (its outcome announced, a failure too: outside secure contexts there is no clipboard API) and
 * Done, which drops the secret from the page. Focus moves here when it appears so that nobody
 * misses it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { IssuedApiKey } from './api-key';

export function IssuedKey({ issued, onDone }: { issued: IssuedApiKey; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copyStatus, setCopyStatus] = useState('');

  useEffect(() => heading.current?.focus(), [issued]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.key);
      setCopyStatus('Copied to the clipboard.');
    } catch {
      setCopyStatus('Could not copy: select the key and copy it yourself.');
    }
  };

  return (
    <section class="issued-key" aria-labelledby="issued-key-heading">
      <h2 id="issued-key-heading" ref={heading} tabIndex={-1}>
        Your new key “{issued.name}”
      </h2>
      <p>
        <strong>Copy it now: it will not be shown again.</strong> Send it in the{' '}
        <code>X-Api-Key</code> header.
      </p>
      <code class="secret">{issued.key}</code>
      <div class="issued-actions">
        <button type="button" onClick={copy}>
          Copy key
        </button>
        <button type="button" class="secondary" onClick={onDone}>
          Done
        </button>
      </div>
      <p class="copy-status" aria-live="polite">
        {copyStatus}
      </p>
    </section>
  );
}
