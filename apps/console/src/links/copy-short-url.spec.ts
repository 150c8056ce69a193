import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyShortUrl } from './copy-short-url';
import type { Link } from './link';

const link = { shortUrl: 'https://sho.rt/launch' } as Link;

describe('copying a short URL', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('puts it on the clipboard and says so', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    await expect(copyShortUrl(link)).resolves.toBe('Copied https://sho.rt/launch.');
    expect(writeText).toHaveBeenCalledWith('https://sho.rt/launch');
  });

  it.each([
    ['no clipboard (not a secure context)', {}],
    ['a refusal', { clipboard: { writeText: () => Promise.reject(new Error('denied')) } }],
  ])('asks the reader to copy it by hand after %s', async (_, navigator) => {
    vi.stubGlobal('navigator', navigator);
    await expect(copyShortUrl(link)).resolves.toBe(
      'Could not copy: select https://sho.rt/launch and copy it yourself.',
    );
  });
});
