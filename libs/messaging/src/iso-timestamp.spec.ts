import { describe, expect, it } from 'vitest';
import { isoTimestamp } from './iso-timestamp';

describe('isoTimestamp', () => {
  it('formats like toISOString, for repeated and changing instants', () => {
    const instants = [0, 1_764_028_800_123, 1_764_028_800_123, 1_764_028_800_124, 0];
    for (const ms of instants) expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
  });
});
