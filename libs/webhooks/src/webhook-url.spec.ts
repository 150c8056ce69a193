import { describe, expect, it } from 'vitest';
import { internalAddressKind } from './internal-addresses';
import { allowedAddresses, parseWebhookUrl, type HostResolver } from './webhook-url';

const strict = { allowPrivate: false, httpsOnly: false };
const resolvingTo =
  (...addresses: string[]): HostResolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('internal addresses', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['::', 'unspecified or IPv4-compatible'],
    ['fe80::1', 'link-local'],
    ['fd00::1', 'unique-local'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:8.8.8.8', 'IPv4-mapped'],
  ])('refuses %s (%s)', (ip, kind) => {
    expect(internalAddressKind(ip)).toBe(kind);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111'])('accepts %s', (ip) => {
    expect(internalAddressKind(ip)).toBeUndefined();
  });
});

describe('webhook URL rules', () => {
  it('refuses other schemes, credentials, and http in production', () => {
    expect(() => parseWebhookUrl('ftp://example.com/x', strict)).toThrow('http(s)');
    expect(() => parseWebhookUrl('not a url', strict)).toThrow('absolute');
    expect(() => parseWebhookUrl('https://u:p@example.com/', strict)).toThrow('credentials');
    expect(() => parseWebhookUrl('http://example.com/', { ...strict, httpsOnly: true })).toThrow(
      'https',
    );
    expect(parseWebhookUrl('https://example.com/hook', { ...strict, httpsOnly: true }).host).toBe(
      'example.com',
    );
  });

  it('refuses literal internal addresses in any spelling the URL parser normalises', async () => {
    for (const raw of [
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::1]/',
      'http://[::ffff:7f00:1]/',
      'http://0.0.0.0/',
    ]) {
      await expect(allowedAddresses(new URL(raw), strict), raw).rejects.toThrow('internal address');
    }
  });

  it('refuses a name when any of its addresses is internal', async () => {
    const url = new URL('https://rebind.example/hook');
    await expect(
      allowedAddresses(url, strict, resolvingTo('93.184.216.34', '10.0.0.5')),
    ).rejects.toThrow('rebind.example resolves to 10.0.0.5: private');
  });

  it('gives the addresses of a public name, and anything when private ones are allowed', async () => {
    const url = new URL('https://hooks.example/x');
    await expect(allowedAddresses(url, strict, resolvingTo('93.184.216.34'))).resolves.toEqual([
      { address: '93.184.216.34', family: 4 },
    ]);
    const local = new URL('http://localhost:8080/');
    const allowed = { ...strict, allowPrivate: true };
    await expect(allowedAddresses(local, allowed, resolvingTo('127.0.0.1'))).resolves.toEqual([
      { address: '127.0.0.1', family: 4 },
    ]);
  });

  it('refuses a name that does not resolve', async () => {
    const failing: HostResolver = () => Promise.reject(new Error('ENOTFOUND'));
    await expect(allowedAddresses(new URL('https://nx.example/'), strict, failing)).rejects.toThrow(
      'does not resolve',
    );
  });
});
