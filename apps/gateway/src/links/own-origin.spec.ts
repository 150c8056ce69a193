import { describe, expect, it } from 'vitest';
import { originKey } from './own-origin';

const key = (url: string) => originKey(new URL(url));

describe('originKey', () => {
  it.each([
    'http://localhost:3333/x',
    'http://LOCALHOST:3333/x',
    'http://localhost.:3333/x',
    'http://LocalHost..:3333/x',
    'http://app.localhost:3333/x',
    'http://127.0.0.1:3333/x',
    'http://127.1:3333/x',
    'http://127.0.0.2:3333/x',
    'http://0x7f.0.0.1:3333/x',
    'http://0177.0.0.1:3333/x',
    'http://2130706433:3333/x',
    'http://[::1]:3333/x',
    'http://[0:0:0:0:0:0:0:1]:3333/x',
    'http://[::ffff:127.0.0.1]:3333/x',
    'http://[::ffff:7f00:1]:3333/x',
    'http://0.0.0.0:3333/x',
    'http://[::]:3333/x',
    'https://localhost:3333/x',
    'http://%6c%6fcalhost:3333/x',
  ])('folds %s into the loopback origin on port 3333', (url) => {
    expect(key(url)).toBe(key('http://localhost:3333'));
  });

  it.each([
    'http://localhost:3334/x',
    'http://localhost/x',
    'http://example.com:3333/x',
    'http://[::ffff:10.0.0.1]:3333/x',
    'http://[::2]:3333/x',
    'http://128.0.0.1:3333/x',
    'http://localhost.example.com:3333/x',
  ])('keeps %s apart from the loopback origin on port 3333', (url) => {
    expect(key(url)).not.toBe(key('http://localhost:3333'));
  });

  it('folds a public name with a trailing dot, and its http and https origins', () => {
    expect(key('https://SHO.RT./loop')).toBe(key('https://sho.rt'));
    expect(key('http://sho.rt/loop')).toBe(key('https://sho.rt'));
    expect(key('https://sho.rt:443/loop')).toBe(key('https://sho.rt'));
    expect(key('https://sho.rt:8443/loop')).not.toBe(key('https://sho.rt'));
    expect(key('https://sub.sho.rt/loop')).not.toBe(key('https://sho.rt'));
  });

  it('tells IPv4-mapped IPv6 from its IPv4 address only by spelling', () => {
    expect(key('http://[::ffff:203.0.113.9]/x')).toBe(key('http://203.0.113.9/x'));
  });

  it('leaves a public origin apart from loopback', () => {
    expect(key('https://sho.rt')).not.toBe(key('http://localhost'));
  });
});
