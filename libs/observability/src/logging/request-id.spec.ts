import { describe, expect, it } from 'vitest';
import { wellFormedRequestId } from './request-id';

describe('wellFormedRequestId', () => {
  it.each(['abcdefgh', '0f8e6c1e-1c9a-4f7e-9a51-7cbf3b1a2d4e', 'trace:span.1_2-3'])(
    'keeps %s',
    (id) => {
      expect(wellFormedRequestId(id)).toBe(id);
    },
  );

  it.each([
    undefined,
    42,
    '',
    'short',
    'x'.repeat(129),
    'has space here',
    'line\nbreak!',
    '<script>',
  ])('refuses %j', (id) => {
    expect(wellFormedRequestId(id)).toBeUndefined();
  });
});
