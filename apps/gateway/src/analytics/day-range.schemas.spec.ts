import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayRangeQuerySchema, MAX_STATS_RANGE_DAYS } from './day-range.schemas';

describe('dayRangeQuerySchema', () => {
  afterEach(() => vi.useRealTimers());

  it('defaults to the last 30 UTC days, today included', () => {
    vi.useFakeTimers({ now: new Date('2026-03-05T23:30:00Z') });
    expect(dayRangeQuerySchema.parse({})).toEqual({ from: '2026-02-04', to: '2026-03-05' });
  });

  it('counts 30 days back from a given end', () => {
    expect(dayRangeQuerySchema.parse({ to: '2024-03-01' })).toEqual({
      from: '2024-02-01',
      to: '2024-03-01',
    });
  });

  it('accepts a single day', () => {
    expect(dayRangeQuerySchema.parse({ from: '2026-01-01', to: '2026-01-01' })).toEqual({
      from: '2026-01-01',
      to: '2026-01-01',
    });
  });

  it.each([
    [{ from: '2026-02-29' }, 'from', 'is not a valid date'],
    [{ to: '2026-13-01' }, 'to', 'is not a valid date'],
    [{ from: '26-01-01' }, 'from', 'must be a date YYYY-MM-DD (UTC)'],
    [{ from: '2026-01-02', to: '2026-01-01' }, 'from', 'must not be after to'],
    [{ from: '0999-12-31' }, 'from', 'must be between the years 1000 and 9999 (UTC)'],
    [{ from: '0000-01-01' }, 'from', 'must be between the years 1000 and 9999 (UTC)'],
    [{ to: '10000-01-01' }, 'to', 'must be a date YYYY-MM-DD (UTC)'],
    [{ from: ['2026-01-01', '2026-01-02'] }, 'from', 'must be given once'],
    [{ 'to[]': '2026-01-01' }, 'to', 'must be given once'],
  ])('rejects %j on %s', (query, field, message) => {
    const issue = dayRangeQuerySchema.safeParse(query).error?.issues[0];
    expect(issue?.path).toEqual([field]);
    expect(issue?.message).toBe(message);
  });

  it('gives a malformed day one message, not a second one about the calendar', () => {
    const issues = dayRangeQuerySchema.safeParse({ to: 'x' }).error?.issues;
    expect(issues?.map((issue) => issue.message)).toEqual(['must be a date YYYY-MM-DD (UTC)']);
  });

  it(`bounds the range to ${MAX_STATS_RANGE_DAYS} days`, () => {
    expect(dayRangeQuerySchema.safeParse({ from: '2016-01-01', to: '2026-01-01' }).success).toBe(
      true,
    );
    expect(dayRangeQuerySchema.safeParse({ from: '2010-01-01', to: '2026-01-01' }).success).toBe(
      false,
    );
  });

  it('takes the first and last storable days', () => {
    expect(dayRangeQuerySchema.parse({ from: '1000-01-01', to: '1000-01-02' }).from).toBe(
      '1000-01-01',
    );
    expect(dayRangeQuerySchema.parse({ from: '9999-12-30', to: '9999-12-31' }).to).toBe(
      '9999-12-31',
    );
  });
});
