/**
 * Which metrics token a scrape presented, and whether it is one of the accepted ones (the one
 * check of both places that serve `/metrics`: the guard on the main port, the metrics port). Tokens
 * are compared in constant time (over their SHA-256, so a length difference leaks nothing),
 * and every accepted token is checked, so timing does not tell which one matched.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** No accepted token configured: every scrape is let in (development; production refuses it). */
export function isAuthorizedScrape(headers: IncomingHttpHeaders, accepted: string[]): boolean {
  return accepted.length === 0 || isAcceptedToken(presentedMetricsToken(headers), accepted);
}

export function presentedMetricsToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers['x-metrics-token'];
  if (typeof header === 'string' && header.length > 0) return header;
  const authorization = headers.authorization;
  const match = authorization ? /^Bearer ([^\s]+)$/i.exec(authorization) : null;
  return match?.[1];
}

export function isAcceptedToken(presented: string | undefined, accepted: string[]): boolean {
  if (presented === undefined) return false;
  const candidate = digest(presented);
  let matched = false;
  for (const token of accepted) matched = timingSafeEqual(candidate, digest(token)) || matched;
  return matched;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
