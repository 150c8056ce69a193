import { loadConfig } from '@beacon/config';
import { NotFoundException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { MetricsAccessGuard } from './metrics-access.guard';

const guardWith = (env: Record<string, string>) =>
  new MetricsAccessGuard(loadConfig('gateway', { JWT_SECRET: 'unit', ...env }));

const scrape = (headers: Record<string, string>) =>
  ({ switchToHttp: () => ({ getRequest: () => ({ headers }) }) }) as unknown as ExecutionContext;

describe('MetricsAccessGuard', () => {
  it('answers 404 when metrics are disabled, token or not', () => {
    const guard = guardWith({ METRICS_ENABLED: 'false', METRICS_AUTH_TOKEN: 't' });
    expect(() => guard.canActivate(scrape({ 'x-metrics-token': 't' }))).toThrow(NotFoundException);
  });

  it('lets every scrape in when no token is configured', () => {
    expect(guardWith({}).canActivate(scrape({}))).toBe(true);
  });

  it('answers 401 to a missing or wrong token', () => {
    const guard = guardWith({ METRICS_AUTH_TOKEN: 'old,new' });
    expect(() => guard.canActivate(scrape({}))).toThrow(UnauthorizedException);
    expect(() => guard.canActivate(scrape({ authorization: 'Bearer nope' }))).toThrow(
      UnauthorizedException,
    );
  });

  it('accepts either header and both tokens during a rotation', () => {
    const guard = guardWith({ METRICS_AUTH_TOKEN: 'old,new' });
    expect(guard.canActivate(scrape({ 'x-metrics-token': 'old' }))).toBe(true);
    expect(guard.canActivate(scrape({ authorization: 'Bearer new' }))).toBe(true);
  });
});
