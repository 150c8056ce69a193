import { describe, expect, it } from 'vitest';
import { likePattern } from './link-search';

describe('the links search pattern', () => {
  it('looks for the text anywhere, in lower case', () => {
    expect(likePattern('Docs')).toBe('%docs%');
  });

  it('matches LIKE wildcards and the escape character literally', () => {
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
