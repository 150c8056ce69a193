import { describe, expect, it } from 'vitest';
import { isoDateTimeSchema, isStorableDate } from './storable-date';

describe('storable dates', () => {
  it.each([
    ['1000-01-01T00:00:00Z', true],
    ['9999-12-31T23:59:59.999Z', true],
    ['0999-12-31T23:59:59.999Z', false],
    ['+010000-01-01T00:00:00Z', false],
  ])('%s is storable: %s', (iso, storable) => {
    expect(isStorableDate(new Date(iso))).toBe(storable);
  });

  it('judges the instant in UTC, offset applied', () => {
    expect(isoDateTimeSchema.safeParse('9999-12-31T23:59:59+14:00').success).toBe(true);
    expect(isoDateTimeSchema.safeParse('9999-12-31T23:59:59-14:00').success).toBe(false);
    expect(isoDateTimeSchema.safeParse('1000-01-01T00:00:00+01:00').success).toBe(false);
  });
});
