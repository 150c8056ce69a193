import { describe, expect, it } from 'vitest';
import { lagOf } from './replica-lag';

describe('lagOf', () => {
  it("reads MariaDB's Seconds_Behind_Master and MySQL's Seconds_Behind_Source", () => {
    expect(lagOf([{ Seconds_Behind_Master: 0 }])).toBe(0);
    expect(lagOf([{ Seconds_Behind_Master: '12' }])).toBe(12);
    expect(lagOf([{ Seconds_Behind_Source: 3 }])).toBe(3);
  });

  it('counts stopped replication (NULL) and a server that replicates nothing as infinitely behind', () => {
    expect(lagOf([{ Seconds_Behind_Master: null }])).toBe(Infinity);
    expect(lagOf([])).toBe(Infinity);
  });

  it('takes the stalest source of a multi-source replica', () => {
    expect(lagOf([{ Seconds_Behind_Master: 1 }, { Seconds_Behind_Master: 7 }])).toBe(7);
    expect(lagOf([{ Seconds_Behind_Master: 1 }, { Seconds_Behind_Master: null }])).toBe(Infinity);
  });
});
