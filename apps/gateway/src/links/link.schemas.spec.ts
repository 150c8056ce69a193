import { describe, expect, it } from 'vitest';
import { createLinkSchema, slugSchema, targetUrlSchema, updateLinkSchema } from './link.schemas';

describe('targetUrlSchema', () => {
  it.each([
    ['https://example.com', 'https://example.com/'],
    ['http://example.com/a b'.replace(' ', '%20'), 'http://example.com/a%20b'],
    ['  https://example.com/trimmed  ', 'https://example.com/trimmed'],
    ['https://bücher.example/straße', 'https://xn--bcher-kva.example/stra%C3%9Fe'],
  ])('accepts %s and normalises it', (input, expected) => {
    expect(targetUrlSchema.parse(input)).toBe(expected);
  });

  it.each([
    ['javascript:alert(1)', 'must use http or https'],
    ['JAVASCRIPT:alert(1)', 'must use http or https'],
    ['data:text/html;base64,PHNjcmlwdD4=', 'must use http or https'],
    ['file:///etc/passwd', 'must use http or https'],
    ['https://user:secret@example.com', 'must not contain credentials'],
    ['https://token@example.com', 'must not contain credentials'],
    ['example.com', 'must be an absolute http(s) URL'],
    ['https://exa mple.com', 'must not contain spaces or control characters'],
    ['https://example.com/\u0000', 'must not contain spaces or control characters'],
    ['https://example.com/\r\nSet-Cookie: x=1', 'must not contain spaces or control characters'],
    ['', 'required'],
  ])('rejects %j: %s', (input, message) => {
    const result = targetUrlSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe(message);
  });
});

describe('slugSchema', () => {
  it.each(['abc', 'My_Link-2026', 'a'.repeat(64)])('accepts %s', (slug) => {
    expect(slugSchema.parse(slug)).toBe(slug);
  });

  it.each(['ab', 'a'.repeat(65), 'with space', 'dots.not', 'slash/no', 'emoji😀', ''])(
    'rejects %j',
    (slug) => {
      expect(slugSchema.safeParse(slug).success).toBe(false);
    },
  );

  it.each(['api', 'API', 'auth', 'metrics', 'Health', 'docs', 'assets'])(
    'refuses the reserved word %s',
    (slug) => {
      expect(slugSchema.safeParse(slug).error?.issues[0].message).toBe('is reserved');
    },
  );
});

describe('createLinkSchema', () => {
  it('names every failing field', () => {
    const result = createLinkSchema.safeParse({ url: 'ftp://x', slug: '!', maxVisits: 0 });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'url',
      'slug',
      'maxVisits',
    ]);
  });

  it('turns expiresAt into a Date and refuses the past', () => {
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(
      createLinkSchema.parse({ url: 'https://a.example', expiresAt: future }).expiresAt,
    ).toEqual(new Date(future));
    expect(
      createLinkSchema.safeParse({ url: 'https://a.example', expiresAt: '2000-01-01T00:00:00Z' })
        .success,
    ).toBe(false);
  });

  it.each([
    ['9999-12-31T23:59:59-14:00', 'must be between the years 1000 and 9999 (UTC)'],
    ['10000-01-01T00:00:00Z', 'must be an ISO 8601 date-time, e.g. 2030-01-01T00:00:00Z'],
    ['0999-12-31T23:59:59Z', 'must be between the years 1000 and 9999 (UTC)'],
  ])('refuses the expiry %s, outside what a DATETIME holds', (expiresAt, message) => {
    const issues = updateLinkSchema.safeParse({ expiresAt }).error?.issues;
    expect(issues?.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['expiresAt', message],
    ]);
  });

  it('accepts the last storable second as an expiry', () => {
    const expiresAt = '9999-12-31T23:59:59Z';
    expect(updateLinkSchema.parse({ expiresAt }).expiresAt).toEqual(new Date(expiresAt));
  });

  it('refuses unknown fields', () => {
    expect(createLinkSchema.safeParse({ url: 'https://a.example', owner: 1 }).success).toBe(false);
  });
});
