/** A message announced to screen readers as it appears (role="alert"). */
export function Alert({ message }: { message?: string }) {
  return message ? (
    <p role="alert" class="alert">
      {message}
    </p>
  ) : null;
}
