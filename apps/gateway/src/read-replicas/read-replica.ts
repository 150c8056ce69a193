/**
 * One read replica: its own pool (a TypeORM DataSource with the primary's entities), a circuit
 * breaker around its reads (`circuit_breaker_state{name="mysql-replica-<host:port>"}`), and what
 * its last lag check found. It serves while that check reached it and found it at most
 * DB_REPLICA_MAX_LAG_S behind, and its circuit takes calls (closed, or half-open with a probe
 * slot free). The pool connects on the first check that reaches the replica, so a replica that
 * is down when the gateway starts does not stop the gateway.
 */
import type { DatabaseConfig } from '@beacon/config';
import { createReplicaDataSourceOptions, mysqlProbe } from '@beacon/database';
import type { DependencyProbe, ReplicaHealth } from '@beacon/observability';
import { CircuitBreaker, isBreakerRefusal, type BreakerSettings } from '@beacon/resilience';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, type EntityManager } from 'typeorm';
import { isConnectionError } from '../database-breaker/connection-errors';
import { lagOf, REPLICA_STATUS_QUERY, type ReplicaStatusRow } from './replica-lag';

/** A read, given the manager of the pool it runs on. */
export type ReadWork<T> = (manager: EntityManager) => Promise<T>;

export class ReadReplica {
  /** `host:port`, the replica's label in metrics, logs and health. */
  readonly name: string;
  private readonly dataSource: DataSource;
  private readonly breaker: CircuitBreaker;
  private lagSeconds = Infinity;
  private problem: string | undefined = 'not checked yet';
  private checking: Promise<void> | undefined;
  private closed = false;

  constructor(
    config: DatabaseConfig,
    private readonly maxLagSeconds: number,
    /** Read at each decision, so a configuration reload applies at once. */
    breakerSettings: () => BreakerSettings,
  ) {
    this.name = `${config.host}:${config.port}`;
    this.dataSource = new DataSource(createReplicaDataSourceOptions(config));
    this.breaker = new CircuitBreaker(`mysql-replica-${this.name}`, {
      settings: breakerSettings,
    });
  }

  /** On every routed read, so it compares rather than describes. */
  get serving(): boolean {
    return (
      this.problem === undefined && this.lagSeconds <= this.maxLagSeconds && !this.breaker.refusing
    );
  }

  state(): ReplicaHealth {
    const lagSeconds = Number.isFinite(this.lagSeconds) ? this.lagSeconds : null;
    const reason =
      this.problem ??
      (this.lagSeconds > this.maxLagSeconds
        ? `${this.lagSeconds} s behind, more than ${this.maxLagSeconds} s`
        : this.breaker.refusing
          ? this.breaker.state === 'open'
            ? 'circuit open after failed reads'
            : 'circuit half-open, its probe reads in flight'
          : undefined);
    return { serving: reason === undefined, lagSeconds, ...(reason && { reason }) };
  }

  /**
   * Readiness's probe of this replica (optional, `mysql-replica:<host:port>`): whether it
   * answers at all, through its pool once a lag check has connected it. It leaves the routing
   * alone: serving or not stays the lag checks' and the breaker's decision.
   */
  probe(): DependencyProbe {
    return mysqlProbe(`mysql-replica:${this.name}`, this.dataSource, false);
  }

  /** Runs a read here; rejects when the replica fails it or takes longer than the breaker allows. */
  async run<T>(work: ReadWork<T>): Promise<T> {
    try {
      return await this.breaker.run(() => work(this.dataSource.manager));
    } catch (error) {
      // Out of the rotation at once rather than at the next check, which brings it back once
      // it answers: meanwhile no other read tries it.
      if (isConnectionError(error) || isBreakerRefusal(error)) {
        this.unreachable(`a read failed: ${(error as Error).message}`);
      }
      throw error;
    }
  }

  /**
   * Measures the lag, connecting first if needed. A check slower than `timeoutMs`, or one still
   * running from before, leaves the replica unreachable until a check answers.
   */
  async check(timeoutMs: number): Promise<void> {
    if (this.closed) return;
    if (this.checking) return this.unreachable('its last lag check has not answered');
    const checking = (this.checking = this.measure().finally(() => (this.checking = undefined)));
    const answered = await Promise.race([
      checking.then(() => true),
      sleep(timeoutMs, false, { ref: false }),
    ]);
    if (!answered) this.unreachable(`no answer to its lag check within ${timeoutMs} ms`);
  }

  private async measure(): Promise<void> {
    try {
      if (!this.dataSource.isInitialized) await this.dataSource.initialize();
      const rows: ReplicaStatusRow[] = await this.dataSource.query(REPLICA_STATUS_QUERY);
      this.lagSeconds = lagOf(rows);
      this.problem =
        rows.length === 0
          ? 'not replicating (SHOW REPLICA STATUS is empty)'
          : this.lagSeconds === Infinity
            ? 'replication stopped (Seconds_Behind_Master is NULL)'
            : undefined;
    } catch (error) {
      this.unreachable(`lag check failed: ${(error as Error).message}`);
    }
  }

  /** Nothing bounds what an unanswering replica holds: infinitely behind. */
  private unreachable(problem: string): void {
    this.lagSeconds = Infinity;
    this.problem = problem;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.checking;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
