import { describe, expect, it } from 'vitest';
import { linkListQuerySchema, updateLinkSchema } from '../link.schemas';
import { tagFilterSchema, tagListSchema, tagSchema } from './link-tag.schemas';

describe('tagSchema', () => {
  it.each([
    ['a', 'a'],
    ['q4-launch_2026', 'q4-launch_2026'],
    ['Marketing', 'marketing'],
    ['x'.repeat(32), 'x'.repeat(32)],
  ])('accepts %j as %j', (input, expected) => {
    expect(tagSchema.parse(input)).toBe(expected);
  });

  it.each(['', '-lead', '_lead', 'x'.repeat(33), 'with space', 'dot.ted', 'émoji', '\u212A', 7])(
    'rejects %j',
    (input) => {
      expect(tagSchema.safeParse(input).success).toBe(false);
    },
  );
});

describe('tagListSchema', () => {
  it('collapses duplicates, also of different case, and sorts', () => {
    expect(tagListSchema.parse(['b', 'A', 'a', 'b'])).toEqual(['a', 'b']);
  });

  it('takes ten distinct tags and refuses eleven', () => {
    const eleven = Array.from({ length: 11 }, (_, index) => `t${index}`);
    expect(tagListSchema.parse(eleven.slice(0, 10))).toHaveLength(10);
    expect(tagListSchema.parse([...eleven.slice(0, 10), 'T0'])).toHaveLength(10);
    expect(tagListSchema.safeParse(eleven).error?.issues[0].message).toBe('at most 10 tags');
  });

  it('names the failing element', () => {
    const result = updateLinkSchema.safeParse({ tags: ['ok', 'not ok'] });
    expect(result.error?.issues[0].path).toEqual(['tags', 1]);
  });

  it('refuses a string where an array belongs', () => {
    expect(tagListSchema.safeParse('a').error?.issues[0].message).toBe('must be an array of tags');
  });
});

describe('tagFilterSchema', () => {
  it('takes one value as a string and several as an array', () => {
    expect(tagFilterSchema.parse('Work')).toEqual(['work']);
    expect(tagFilterSchema.parse(['b', 'a'])).toEqual(['a', 'b']);
  });

  it('leaves the filter out when no tag is given, and keeps the paging', () => {
    expect(linkListQuerySchema.parse({ page: '2' })).toEqual({ page: 2, limit: 20 });
    expect(linkListQuerySchema.parse({ tag: 'a', limit: '5' })).toEqual({
      page: 1,
      limit: 5,
      tag: ['a'],
    });
  });
});
