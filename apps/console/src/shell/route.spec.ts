import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, type Route } from './route';

describe('console routes', () => {
  it.each<[string, Route]>([
    ['', { page: 'links' }],
    ['#/', { page: 'links' }],
    ['#/links/abc', { page: 'link', slug: 'abc' }],
    ['#/links/a%20b', { page: 'link', slug: 'a b' }],
    ['#/links/%E0%A4%A', { page: 'link', slug: '%E0%A4%A' }],
    ['#/links/', { page: 'links' }],
    ['#/keys', { page: 'keys' }],
    ['#/products', { page: 'products' }],
    ['#/nowhere', { page: 'links' }],
  ])('reads %s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it.each<Route>([
    { page: 'links' },
    { page: 'link', slug: 'odd/slug?' },
    { page: 'keys' },
    { page: 'products' },
  ])('writes an address it reads back: %o', (route) => {
    expect(parseRoute(hrefOf(route))).toEqual(route);
  });
});
