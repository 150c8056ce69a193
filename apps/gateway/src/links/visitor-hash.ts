/**
 * Unique-visitor hashing without storing IPs: HMAC-SHA256 of IP and user agent under a key
 * that changes every UTC day (derived from the server secret), so hashes cannot be joined
 * across days and the raw IP never leaves the gateway.
 */
import { createHmac } from 'node:crypto';

export class VisitorHasher {
  private day = '';
  private dayKey = Buffer.alloc(0);

  constructor(private readonly secret: string) {}

  hash(ip: string, userAgent: string, at: Date): string {
    return createHmac('sha256', this.keyFor(at)).update(`${ip}\n${userAgent}`).digest('hex');
  }

  private keyFor(at: Date): Buffer {
    const day = at.toISOString().slice(0, 10);
    if (day !== this.day) {
      this.dayKey = createHmac('sha256', this.secret).update(`beacon-visitor-salt:${day}`).digest();
      this.day = day;
    }
    return this.dayKey;
  }
}
