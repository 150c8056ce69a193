import { describe, expect, it } from 'vitest';
import type { DependencyStatus } from './dependency-checker.service';
import { readinessReport } from './readiness-report';

const since = new Date('2026-12-01T10:00:00Z');
const mysql: DependencyStatus = { dependency: 'mysql', required: true, up: true, since };
const redisDown: DependencyStatus = {
  dependency: 'redis',
  required: false,
  up: false,
  since,
  failure: 'connect ECONNREFUSED',
};

describe('readinessReport', () => {
  it('is ok while every required dependency is up, an optional one down included', () => {
    expect(readinessReport([mysql, redisDown], {})).toEqual({
      status: 'ok',
      info: { mysql: { status: 'up', required: true, since: '2026-12-01T10:00:00.000Z' } },
      error: {
        redis: {
          status: 'down',
          required: false,
          since: '2026-12-01T10:00:00.000Z',
          message: 'connect ECONNREFUSED',
        },
      },
      details: {
        mysql: expect.objectContaining({ status: 'up' }),
        redis: expect.objectContaining({ status: 'down' }),
      },
    });
  });

  it('is an error naming the required dependency that is down', () => {
    const report = readinessReport([{ ...mysql, up: false, failure: 'timeout' }, redisDown], {});
    expect(report.status).toBe('error');
    expect(report.error.mysql).toEqual(expect.objectContaining({ status: 'down', required: true }));
  });

  it("shows the read replicas' routing, always up, when there are replicas", () => {
    const replicas = { '10.0.0.2:3306': { serving: false, lagSeconds: 30, reason: 'behind' } };
    const report = readinessReport([mysql], replicas);
    expect(report.status).toBe('ok');
    expect(report.details['mysql-replicas']).toEqual({ status: 'up', replicas });
    expect(readinessReport([mysql], {}).details).not.toHaveProperty('mysql-replicas');
  });
});
