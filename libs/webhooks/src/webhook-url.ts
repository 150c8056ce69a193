/**
 * The rules of a webhook URL, checked when it is registered and again before each delivery:
 * http(s) only (https only in production), no credentials in it, and a host that neither is
 * nor resolves to an internal address (internal-addresses.ts) unless private ones are allowed.
 * Every address a name resolves to is checked, and the delivery connects to one of the checked
 * addresses (not to a second lookup's answer), so a rebinding DNS answer cannot slip through.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { internalAddressKind } from './internal-addresses';

export interface WebhookUrlRules {
  /** WEBHOOK_ALLOW_PRIVATE. */
  allowPrivate: boolean;
  /** Production: only https. */
  httpsOnly: boolean;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses (dns.lookup by default; tests pass their own). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** A URL that breaks the rules; its message is written for the URL's owner. */
export class WebhookUrlRefusedError extends Error {}

export const MAX_WEBHOOK_URL_LENGTH = 2048;

const systemResolver: HostResolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })) as ResolvedAddress[];

/** The URL parsed, if its form is acceptable (nothing resolved yet). */
export function parseWebhookUrl(raw: string, rules: WebhookUrlRules): URL {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) {
    throw new WebhookUrlRefusedError(`at most ${MAX_WEBHOOK_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlRefusedError('must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new WebhookUrlRefusedError('must be an http(s) URL');
  }
  if (rules.httpsOnly && url.protocol !== 'https:') {
    throw new WebhookUrlRefusedError('must be an https URL');
  }
  if (url.username || url.password) {
    throw new WebhookUrlRefusedError('must not carry credentials');
  }
  return url;
}

/**
 * The addresses a delivery may connect to: the literal IP, or every address the name resolves
 * to, refused as a whole if any of them is internal (and private ones are not allowed).
 */
export async function allowedAddresses(
  url: URL,
  rules: WebhookUrlRules,
  resolve: HostResolver = systemResolver,
): Promise<ResolvedAddress[]> {
  const host = hostOf(url);
  const family = isIP(host);
  const addresses =
    family !== 0
      ? [{ address: host, family: family as 4 | 6 }]
      : await resolveOrRefuse(host, resolve);
  if (rules.allowPrivate) return addresses;
  for (const { address } of addresses) {
    const kind = internalAddressKind(address);
    if (kind) {
      const named = family === 0 ? `${host} resolves to ${address}` : address;
      throw new WebhookUrlRefusedError(`must not point at an internal address (${named}: ${kind})`);
    }
  }
  return addresses;
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

async function resolveOrRefuse(host: string, resolve: HostResolver): Promise<ResolvedAddress[]> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolve(host);
  } catch {
    throw new WebhookUrlRefusedError(`host ${host} does not resolve`);
  }
  if (addresses.length === 0) throw new WebhookUrlRefusedError(`host ${host} does not resolve`);
  return addresses;
}
