/**
 * A visit's event id, derived from its request rather than random. nginx passes a request whose
 * gateway died to another gateway with the same X-Request-Id, and with VISIT_DELIVERY=confirmed
 * the dead gateway may have published the visit already (the broker had it, the 302 never left):
 * the same id lets the worker keep one of the two. The link and the visitor's daily hash are part
 * of it, so a request id that a client reuses only merges that client's visits of one link on
 * one day.
 */
import { createHash } from 'node:crypto';

export function visitEventId(requestId: string, linkId: string, ipHash: string): string {
  const hex = createHash('sha256').update(`${requestId}\n${linkId}\n${ipHash}`).digest('hex');
  // A UUID of version 8 (custom) and the RFC 9562 variant, as the envelope schema requires.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
