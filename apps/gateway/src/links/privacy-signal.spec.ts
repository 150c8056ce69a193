import { describe, expect, it } from 'vitest';
import { asksNotToBeTracked } from './privacy-signal';

describe('asksNotToBeTracked', () => {
  it.each([
    [{ 'sec-gpc': '1' }, true],
    [{ dnt: '1' }, true],
    [{ 'sec-gpc': '1', dnt: '0' }, true],
    [{ 'sec-gpc': '0' }, false],
    [{ dnt: '0' }, false],
    [{ dnt: 'yes' }, false],
    [{}, false],
  ])('%j → %s', (headers, expected) => {
    expect(asksNotToBeTracked(headers)).toBe(expected);
  });
});
