import { describe, expect, it } from 'vitest';
import { outboxSizeOf } from './outbox-size';

describe('outboxSizeOf', () => {
  it('reads the BIGINT the driver returns as a string, and an empty outbox as 0', () => {
    expect(outboxSizeOf([{ size: '1500' }])).toBe(1_500);
    expect(outboxSizeOf([{ size: 0 }])).toBe(0);
    expect(outboxSizeOf([])).toBe(0);
  });
});
