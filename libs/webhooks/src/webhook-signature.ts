/**
 * The `X-Beacon-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` under
 * the webhook's secret. The timestamp inside the signed text lets a receiver refuse replays of
 * an old delivery; docs/security.md gives the receiver's recipe, which `verifySignature` follows.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-beacon-signature';
/** Stable per event and webhook, the same on every retry: what a receiver deduplicates on. */
export const DELIVERY_ID_HEADER = 'x-beacon-delivery';

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmacHex(secret, `${unixSeconds}.${body}`)}`;
}

/** Whether `header` signs `body` under `secret` and is at most `toleranceS` old (or ahead). */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  nowS: number,
  toleranceS = 300,
): boolean {
  const parts = new Map(
    header.split(',').map((part) => part.split('=', 2) as [string, string | undefined]),
  );
  const t = Number(parts.get('t'));
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  if (!Number.isInteger(t) || Math.abs(nowS - t) > toleranceS) return false;
  const expected = Buffer.from(hmacHex(secret, `${t}.${body}`), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}
