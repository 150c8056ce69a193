import { describe, expect, it } from 'vitest';
import { requestLogLevel } from './http-request-log.hook';

describe('requestLogLevel', () => {
  it.each([
    ['/:slug', 302, 1, 'debug'],
    ['/metrics', 200, 3, 'debug'],
    ['/metrics', 401, 1, 'info'],
    ['/health/ready', 503, 2, 'info'],
    ['/health/ready', 200, 3, 'debug'],
    ['/api/links', 201, 12, 'info'],
    ['unmatched', 404, 1, 'info'],
    ['/api/links', 400, 1, 'info'],
    ['/api/links', 201, 1_500, 'warn'],
    ['/:slug', 503, 1, 'error'],
  ])('%s %i in %i ms logs at %s', (route, status, ms, level) => {
    expect(requestLogLevel(route, status, ms)).toBe(level);
  });
});
