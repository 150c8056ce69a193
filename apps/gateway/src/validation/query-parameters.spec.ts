import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { queryParameters } from './query-parameters';

const schema = queryParameters({
  page: z.string({ error: 'must be one string' }).optional(),
  sort: z.string().optional(),
});

const issuesOf = (query: unknown) =>
  schema.safeParse(query).error?.issues.map((issue) => [issue.path.join('.'), issue.message]);

describe('queryParameters', () => {
  it('takes each parameter once and ignores the ones it does not name', () => {
    expect(schema.parse({ page: '2', utm_source: 'mail', 'other[]': 'x' })).toEqual({ page: '2' });
  });

  it.each([
    ['a repeated parameter', { page: ['1', '2'] }],
    ['a list-style key', { 'page[]': '1' }],
    ['a map-style key', { 'page[x]': '1' }],
    ['both at once', { page: ['1', '2'], 'page[]': '3', 'page[a][b]': '4' }],
    ['a list-style key beside the value', { page: '1', 'page[]': '2' }],
  ])('refuses %s, naming the parameter once', (_name, query) => {
    expect(issuesOf(query)).toEqual([['page', 'must be given once']]);
  });

  it('names every repeated parameter', () => {
    expect(issuesOf({ page: ['1', '2'], 'sort[]': 'a' })).toEqual([
      ['page', 'must be given once'],
      ['sort', 'must be given once'],
    ]);
  });
});
