/**
 * The addresses a webhook may never reach (unless WEBHOOK_ALLOW_PRIVATE=true): anything that
 * is not a public unicast address, since a webhook URL is chosen by any user and the worker
 * would otherwise probe the deployment's own network (SSRF). IPv4-mapped and NAT64 IPv6
 * addresses are refused whole: they are IPv4 addresses in disguise.
 */
import { BlockList, isIP } from 'node:net';

const INTERNAL_V4: [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const INTERNAL_V6: [string, number, string][] = [
  ['::', 96, 'unspecified or IPv4-compatible'],
  ['::ffff:0:0', 96, 'IPv4-mapped'],
  ['64:ff9b::', 96, 'NAT64'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
];

/** By family: BlockList would match an IPv4 address against the IPv4-mapped IPv6 range too. */
const RANGES = {
  ipv4: INTERNAL_V4.map(([network, prefix, kind]) => ({
    list: block(network, prefix, 'ipv4'),
    kind,
  })),
  ipv6: INTERNAL_V6.map(([network, prefix, kind]) => ({
    list: block(network, prefix, 'ipv6'),
    kind,
  })),
};

/** What kind of internal address `ip` is (`loopback`, `private`...), or undefined if public. */
export function internalAddressKind(ip: string): string | undefined {
  const family = isIP(ip);
  if (family === 0) return 'not an IP address';
  if (ip === '::1') return 'loopback';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return RANGES[type].find(({ list }) => list.check(ip, type))?.kind;
}

function block(network: string, prefix: number, type: 'ipv4' | 'ipv6'): BlockList {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return list;
}
