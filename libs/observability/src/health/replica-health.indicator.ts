/**
 * Terminus indicator of the read replicas, always up: a replica that is down or too far behind
 * is skipped and its reads go to the primary, so readiness names it without failing the app.
 */
import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';

export interface ReplicaHealth {
  serving: boolean;
  /** Seconds behind the primary at the last check; null when unknown or unbounded. */
  lagSeconds: number | null;
  /** Why it is skipped. */
  reason?: string;
}

/** What readiness needs to know of the read replicas (the gateway's ReadReplicaSet provides it). */
export interface ReadReplicasProbe {
  /** By replica (`host:port`); empty when none is configured. */
  health(): Record<string, ReplicaHealth>;
}

export const READ_REPLICAS_PROBE = Symbol('READ_REPLICAS_PROBE');

@Injectable()
export class ReplicaHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Optional() @Inject(READ_REPLICAS_PROBE) private readonly replicas?: ReadReplicasProbe,
  ) {}

  /** Nothing to report (the app has no replicas): readiness stays as it was. */
  get reporting(): boolean {
    return Object.keys(this.replicas?.health() ?? {}).length > 0;
  }

  check(key: string) {
    return this.indicators.check(key).up({ replicas: this.replicas?.health() ?? {} });
  }
}
