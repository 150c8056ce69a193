/**
 * Focus for an element once the next render is done: after a confirm dialog (which makes the
 * page behind it inert, and gives focus back as it goes) has closed, when the control that
 * opened it went with its row.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export function useDeferredFocus<T extends HTMLElement>() {
  const target = useRef<T>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    if (!pending) return;
    target.current?.focus();
    setPending(false);
  }, [pending]);
  return { target, focusAfterRender: () => setPending(true) };
}
