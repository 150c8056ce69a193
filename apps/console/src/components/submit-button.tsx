/**
 * A form's submit button that shows it is busy while the request runs without turning disabled:
 * a disabled button drops its focus to the document, so the keyboard user who pressed it would
 * be left nowhere, on success or error. Its form ignores a submit while busy.
 */
import type { ComponentChildren } from 'preact';

export function SubmitButton({ busy, children }: { busy: boolean; children: ComponentChildren }) {
  return (
    <button type="submit" aria-disabled={busy || undefined}>
      {children}
    </button>
  );
}
