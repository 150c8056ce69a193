/**
 * A native <dialog> opened modal as it mounts: the page behind is inert, focus starts inside and
 * Escape closes it. Close it with `ref.current.close()` (not by unmounting) so the browser gives
 * focus back to the control that opened it; its `close` event tells the owner to unmount it.
 */
import { useEffect, useRef } from 'preact/hooks';

export function useModal() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  return dialog;
}
