import { Logger } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ThrottledLog } from './throttled-log';

describe('ThrottledLog', () => {
  const logger = new Logger('unit');
  let warn: { mock: { calls: unknown[][] } };
  beforeEach(() => {
    vi.useFakeTimers();
    warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => vi.useRealTimers());

  it('logs a repeated condition once per interval, each condition on its own', () => {
    const log = new ThrottledLog(logger);
    log.warn('returned:link.visited', () => 'first');
    log.warn('returned:link.visited', () => 'again');
    log.warn('returned:link.created', () => 'other');
    vi.advanceTimersByTime(10_000);
    log.warn('returned:link.visited', () => 'later');
    expect(warn.mock.calls.map(([message]) => message)).toEqual(['first', 'other', 'later']);
  });
});
