/** An instant from the API as the reader's local date and time. */
const FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatInstant(iso: string): string {
  return FORMAT.format(new Date(iso));
}
