/**
 * What readiness shows of the read replicas' routing (the gateway's ReadReplicaSet provides
 * it): which replicas take reads, and why the others are skipped. Never a reason for 503: the
 * primary answers what a replica cannot.
 */

export interface ReplicaHealth {
  serving: boolean;
  /** Seconds behind the primary at the last check; null when unknown or unbounded. */
  lagSeconds: number | null;
  /** Why it is skipped. */
  reason?: string;
}

export interface ReadReplicasProbe {
  /** By replica (`host:port`); empty when none is configured. */
  health(): Record<string, ReplicaHealth>;
}

export const READ_REPLICAS_PROBE = Symbol('READ_REPLICAS_PROBE');
