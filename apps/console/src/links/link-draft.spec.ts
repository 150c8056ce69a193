import { describe, expect, it } from 'vitest';
import type { Link } from './link';
import { createBodyOf, draftOf, EMPTY_DRAFT, isoOf, localInputOf, patchOf } from './link-draft';

const link: Link = {
  slug: 'launch',
  shortUrl: 'https://sho.rt/launch',
  url: 'https://example.com/launch',
  expiresAt: '2030-01-01T10:00:00.000Z',
  maxVisits: 5,
  passwordProtected: true,
  tags: ['blog', 'launch'],
  createdAt: '2026-12-01T09:30:00.000Z',
};

describe('the link form values', () => {
  it('sends only what is filled in when creating', () => {
    expect(createBodyOf({ ...EMPTY_DRAFT, url: 'https://example.com/' })).toEqual({
      url: 'https://example.com/',
    });
    expect(
      createBodyOf({
        ...EMPTY_DRAFT,
        url: 'https://example.com/',
        slug: 'mine',
        expiresAt: '2030-01-01T10:00',
        maxVisits: '3',
        password: 'open sesame',
        tags: ' blog, , Launch ',
      }),
    ).toEqual({
      url: 'https://example.com/',
      slug: 'mine',
      expiresAt: isoOf('2030-01-01T10:00'),
      maxVisits: 3,
      password: 'open sesame',
      tags: ['blog', 'Launch'],
    });
  });

  it('reads a local date-time back as it was typed', () => {
    expect(localInputOf(isoOf('2030-06-15T08:45'))).toBe('2030-06-15T08:45');
    expect(isoOf('not a date')).toBe('not a date');
  });

  it('patches nothing when nothing changed, tags compared as the API stores them', () => {
    expect(patchOf(link, draftOf(link))).toEqual({});
    expect(patchOf(link, { ...draftOf(link), tags: 'Launch, blog, blog' })).toEqual({});
  });

  it('patches what changed, and removes an emptied expiry, visit limit or password', () => {
    const draft = draftOf(link);
    expect(patchOf(link, { ...draft, url: 'https://example.com/other', tags: 'news' })).toEqual({
      url: 'https://example.com/other',
      tags: ['news'],
    });
    expect(patchOf(link, { ...draft, expiresAt: '', maxVisits: '', removePassword: true })).toEqual(
      { expiresAt: null, maxVisits: null, password: null },
    );
    expect(patchOf(link, { ...draft, password: 'new secret', tags: '' })).toEqual({
      password: 'new secret',
      tags: [],
    });
  });
});
