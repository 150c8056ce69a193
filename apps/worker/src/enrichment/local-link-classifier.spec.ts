import { describe, expect, it } from 'vitest';
import { classifyLinkLocally } from './local-link-classifier';

describe('classifyLinkLocally', () => {
  it.each([
    ['https://www.youtube.com/watch?v=1', 'video'],
    ['https://docs.github.com/en/actions', 'technology'],
    ['https://en.wikipedia.org/wiki/Beacon', 'education'],
    ['https://example.com/shop/kettles', 'shopping'],
    ['https://example.org/2026/news/election', 'news'],
    ['https://clinic.example.com/', 'health'],
    ['https://example.com/', 'other'],
  ])('classifies %s as %s', (url, category) => {
    expect(classifyLinkLocally(url).category).toBe(category);
  });

  it('names the host in the summary, without www', () => {
    expect(classifyLinkLocally('https://www.Example.com/a').summary).toBe('A link to example.com');
  });

  it('does not take a look-alike host for a known site', () => {
    expect(classifyLinkLocally('https://notgithub.com/x').category).toBe('other');
  });
});
