/**
 * One dependency's health, decided by its checks in a row: up or down changes only after
 * `unhealthyThreshold` failures in a row (up to down) or `healthyThreshold` successes in a row
 * (down to up), so one lost packet does not take an app out of rotation, nor does one lucky
 * answer put it back. The very first result counts at once: at start-up there is no history to
 * smooth, and readiness must not claim a dependency it has never reached.
 */

/** The thresholds are read at each result (the config object's current values). */
export interface HealthThresholds {
  readonly unhealthyThreshold: number;
  readonly healthyThreshold: number;
}

/** A check's outcome: nothing when it passed, the reason when it failed. */
export type CheckResult = { passed: true } | { passed: false; reason: string };

export type Transition = 'up' | 'down' | undefined;

export class DependencyState {
  /** Undefined until the first result. */
  private isUp: boolean | undefined;
  /** Results in a row that disagree with the current state. */
  private against = 0;
  private changedAt: Date | undefined;
  private lastFailure: string | undefined;

  constructor(private readonly thresholds: HealthThresholds) {}

  get up(): boolean {
    return this.isUp === true;
  }

  /** When the state last changed (the first result included); undefined before it. */
  get since(): Date | undefined {
    return this.changedAt;
  }

  /** The reason of the last check, when it failed: shown even while still up. */
  get failure(): string | undefined {
    return this.lastFailure;
  }

  /** Records a result; says whether it turned the dependency up or down. */
  record(result: CheckResult, now = new Date()): Transition {
    this.lastFailure = result.passed ? undefined : result.reason;
    if (this.isUp === undefined) return this.turn(result.passed, now);
    if (result.passed === this.isUp) {
      this.against = 0;
      return undefined;
    }
    this.against++;
    const needed = this.isUp
      ? this.thresholds.unhealthyThreshold
      : this.thresholds.healthyThreshold;
    return this.against >= needed ? this.turn(result.passed, now) : undefined;
  }

  private turn(up: boolean, now: Date): Transition {
    this.isUp = up;
    this.against = 0;
    this.changedAt = now;
    return up ? 'up' : 'down';
  }
}
