/**
 * Unique-visitor hashing without storing IPs: SHA-256 of a secret daily salt, the IP and the
 * user agent. The salt changes every UTC day (derived from the server secret by HMAC), so
 * hashes cannot be joined across days, and the raw IP never leaves the gateway. The one-shot
 * `crypto.hash` keeps this cheap on the redirect hot path.
 */
import { createHmac, hash } from 'node:crypto';

export class VisitorHasher {
  private day = '';
  private salt = '';

  constructor(private readonly secret: string) {}

  /** `day` is the visit's UTC day, YYYY-MM-DD. */
  hash(ip: string, userAgent: string, day: string): string {
    return hash('sha256', `${this.saltFor(day)}\n${ip}\n${userAgent}`);
  }

  private saltFor(day: string): string {
    if (day !== this.day) {
      this.salt = createHmac('sha256', this.secret)
        .update(`beacon-visitor-salt:${day}`)
        .digest('hex');
      this.day = day;
    }
    return this.salt;
  }
}
