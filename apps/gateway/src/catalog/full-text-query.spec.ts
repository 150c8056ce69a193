import { describe, expect, it } from 'vitest';
import { booleanModeQuery } from './full-text-query';

describe('booleanModeQuery', () => {
  it('requires every word, as a prefix', () => {
    expect(booleanModeQuery('copper kettle')).toBe('+copper* +kettle*');
  });

  it('drops every boolean-mode operator the user typed', () => {
    expect(booleanModeQuery('+kettle -tea "copper" (a) ~b <c >d @2 e*')).toBe(
      '+kettle* +tea* +copper* +a* +b* +c* +d* +2* +e*',
    );
    expect(booleanModeQuery("'; DROP TABLE products; --")).toBe('+DROP* +TABLE* +products*');
  });

  it('keeps letters of any script, and gives up on text without a word', () => {
    expect(booleanModeQuery('Käse crème')).toBe('+Käse* +crème*');
    expect(booleanModeQuery('+-*"()')).toBeNull();
    expect(booleanModeQuery('🔥')).toBeNull();
  });

  it('bounds the number of words', () => {
    expect(booleanModeQuery('w '.repeat(50))?.split(' ')).toHaveLength(10);
  });
});
