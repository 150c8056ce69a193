import { describe, expect, it } from 'vitest';
import { RequestValidationError } from '../errors/domain.error';
import { importColumns } from './import-columns';
import { importRow } from './import-row';

const columns = importColumns(['url', 'slug', 'expiresAt', 'maxVisits', 'tags']);

describe('importColumns', () => {
  it('finds the fields in any order and ignores the export-only columns', () => {
    expect(importColumns(['slug', 'url', 'shortUrl', 'createdAt', 'visits'])).toEqual({
      count: 5,
      slug: 0,
      url: 1,
    });
  });

  it.each([
    [['slug'], 'a url column is required'],
    [['url', 'URL '], 'unknown column "URL"'],
    [['url', 'url'], 'column url appears twice'],
  ])('refuses the header %j', (header, problem) => {
    expect(() => importColumns(header)).toThrow(RequestValidationError);
    expect(() => importColumns(header)).toThrow(problem);
  });
});

describe('importRow', () => {
  it('builds the body POST /api/links takes, leaving empty cells out', () => {
    expect(importRow(['https://example.com/a', 'my-slug', '', '5', ''], columns)).toEqual({
      input: { url: 'https://example.com/a', slug: 'my-slug', maxVisits: 5 },
    });
  });

  it('reads a future expiry as a date', () => {
    const parsed = importRow(['https://example.com', '', '2099-01-01T00:00:00Z', '', ''], columns);
    expect(parsed).toEqual({
      input: { url: 'https://example.com/', expiresAt: new Date('2099-01-01T00:00:00Z') },
    });
  });

  it('imports an exported slug that the export protected from spreadsheets', () => {
    expect(importRow(['https://example.com/', "'-dash", '', '', ''], columns)).toEqual({
      input: { url: 'https://example.com/', slug: '-dash' },
    });
  });

  it.each([
    [['not a url', '', '', '', ''], 'url', 'must not contain spaces or control characters'],
    [['https://example.com', '', 'tomorrow', '', ''], 'expiresAt', 'must be an ISO 8601'],
    [['https://example.com', '', '', '1.5', ''], 'maxVisits', 'must be an integer'],
    [['https://example.com', 'a b', '', '', ''], 'slug', 'must be 3-64 characters'],
  ])('names the failing field of %j', (record, field, message) => {
    const parsed = importRow(record, columns);
    expect(parsed).toEqual({
      fields: [{ field, message: expect.stringContaining(message) }],
    });
  });

  it('refuses a row whose cell count differs from the header', () => {
    expect(importRow(['https://example.com'], columns)).toEqual({
      fields: [{ field: '(row)', message: 'has 1 cells, the header has 5' }],
    });
  });

  it('reads tags separated by |, validated as the API does', () => {
    const row = importRow(['https://example.com', '', '', '', 'Work| b |'], columns);
    expect(row).toMatchObject({ input: { tags: ['b', 'work'] } });
    expect(importRow(['https://example.com', '', '', '', 'no spaces'], columns)).toMatchObject({
      fields: [{ field: 'tags.0' }],
    });
  });
});
