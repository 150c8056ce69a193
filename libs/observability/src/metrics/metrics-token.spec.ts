import { describe, expect, it } from 'vitest';
import { isAcceptedToken, isAuthorizedScrape, presentedMetricsToken } from './metrics-token';

describe('presentedMetricsToken', () => {
  it.each([
    [{ 'x-metrics-token': 'abc' }, 'abc'],
    [{ authorization: 'Bearer abc' }, 'abc'],
    [{ authorization: 'bearer abc' }, 'abc'],
    [{ 'x-metrics-token': 'first', authorization: 'Bearer second' }, 'first'],
    [{ authorization: 'Basic YWJjOmRlZg==' }, undefined],
    [{ authorization: 'Bearer' }, undefined],
    [{ authorization: 'Bearer a b' }, undefined],
    [{ 'x-metrics-token': '' }, undefined],
    [{}, undefined],
  ])('reads %j as %s', (headers, token) => {
    expect(presentedMetricsToken(headers)).toBe(token);
  });
});

describe('isAcceptedToken', () => {
  const rotation = ['old-token', 'new-token'];

  it('accepts each token of a rotation', () => {
    expect(isAcceptedToken('old-token', rotation)).toBe(true);
    expect(isAcceptedToken('new-token', rotation)).toBe(true);
  });

  it.each([undefined, '', 'old', 'old-token-and-more', 'OLD-TOKEN'])('refuses %j', (token) => {
    expect(isAcceptedToken(token, rotation)).toBe(false);
  });
});

describe('isAuthorizedScrape', () => {
  it('lets every scrape in when no token is configured', () => {
    expect(isAuthorizedScrape({}, [])).toBe(true);
  });

  it('needs one of the accepted tokens, in either header, once any is configured', () => {
    expect(isAuthorizedScrape({}, ['t'])).toBe(false);
    expect(isAuthorizedScrape({ authorization: 'Bearer u' }, ['t'])).toBe(false);
    expect(isAuthorizedScrape({ 'x-metrics-token': 't' }, ['t'])).toBe(true);
    expect(isAuthorizedScrape({ authorization: 'Bearer t' }, ['s', 't'])).toBe(true);
  });
});
