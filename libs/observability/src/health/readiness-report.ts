/**
 * The body of `/health/ready`, in the shape Terminus gave it (tests, scripts and people read
 * it): `status` is `error` when a required dependency is down, `ok` otherwise; `info` holds
 * what is up, `error` what is down (optional ones included, which never make it `error`),
 * `details` both. With read replicas, `mysql-replicas` adds which of them serve reads.
 */
import type { DependencyStatus } from './dependency-checker.service';
import type { ReplicaHealth } from './read-replicas-status';

export interface DependencyEntry {
  status: 'up' | 'down';
  required: boolean;
  /** ISO time of its last change of state. */
  since?: string;
  /** Why its last check failed, when it did (a dependency still up may have failed once). */
  message?: string;
}

export interface ReplicasEntry {
  status: 'up';
  replicas: Record<string, ReplicaHealth>;
}

type Entry = DependencyEntry | ReplicasEntry;

export interface ReadinessReport {
  status: 'ok' | 'error';
  info: Record<string, Entry>;
  error: Record<string, Entry>;
  details: Record<string, Entry>;
}

export function readinessReport(
  dependencies: DependencyStatus[],
  replicas: Record<string, ReplicaHealth>,
): ReadinessReport {
  const report: ReadinessReport = { status: 'ok', info: {}, error: {}, details: {} };
  for (const dependency of dependencies) {
    const entry = entryOf(dependency);
    (dependency.up ? report.info : report.error)[dependency.dependency] = entry;
    report.details[dependency.dependency] = entry;
    if (!dependency.up && dependency.required) report.status = 'error';
  }
  if (Object.keys(replicas).length > 0) {
    report.info['mysql-replicas'] = report.details['mysql-replicas'] = { status: 'up', replicas };
  }
  return report;
}

function entryOf({ up, required, since, failure }: DependencyStatus): DependencyEntry {
  return {
    status: up ? 'up' : 'down',
    required,
    ...(since && { since: since.toISOString() }),
    ...(failure && { message: failure }),
  };
}
