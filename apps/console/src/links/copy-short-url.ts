/**
 * Puts a short URL on the clipboard and says how it went. The clipboard API exists only in
 * secure contexts (HTTPS or localhost) and the browser may refuse it; the message then tells the
 * reader to copy the address by hand.
 */
import type { Link } from './link';

export async function copyShortUrl(link: Link): Promise<string> {
  const failed = `Could not copy: select ${link.shortUrl} and copy it yourself.`;
  if (!navigator.clipboard) return failed;
  try {
    await navigator.clipboard.writeText(link.shortUrl);
    return `Copied ${link.shortUrl}.`;
  } catch {
    return failed;
  }
}
