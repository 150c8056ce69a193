/**
 * Checks every dependency of the app each HEALTH_CHECK_INTERVAL_MS (all at once, each within
 * HEALTH_CHECK_TIMEOUT_MS), keeps each one's thresholded state (dependency-state.ts) for
 * readiness, exports it as `dependency_up{dependency}` and each check's duration as
 * `dependency_check_duration_seconds{dependency}`, and logs every change of state.
 *
 * The first round runs before the app listens (onApplicationBootstrap), so readiness starts
 * from real answers: never ready for a dependency that was never reached, never unready for one
 * that answers. The timer does not keep the process alive and stops with the app.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DEPENDENCY_CHECK_DURATION, DEPENDENCY_UP } from '../metrics/metric-catalog';
import { gaugeOf, histogramOf } from '../metrics/metric-registry';
import { observeWithTrace } from '../metrics/trace-exemplar';
import { BoundedCheck } from './bounded-check';
import { DEPENDENCY_PROBES, type DependencyProbe } from './dependency-probe';
import { DependencyState, type Transition } from './dependency-state';

/** One dependency as readiness reports it. */
export interface DependencyStatus {
  dependency: string;
  required: boolean;
  up: boolean;
  /** When it last turned up or down. */
  since?: Date;
  /** Why its last check failed, when it did. */
  failure?: string;
}

interface Dependency {
  check: BoundedCheck;
  state: DependencyState;
}

@Injectable()
export class DependencyChecker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DependencyChecks');
  private readonly upGauge = gaugeOf(DEPENDENCY_UP);
  private readonly duration = histogramOf(DEPENDENCY_CHECK_DURATION);
  private readonly dependencies: Dependency[];
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;

  constructor(
    @Inject(DEPENDENCY_PROBES) probes: DependencyProbe[],
    @InjectConfig() private readonly config: BeaconConfig,
  ) {
    this.dependencies = probes.map((probe) => ({
      check: new BoundedCheck(probe),
      state: new DependencyState(config.health),
    }));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.checkAll();
    this.timer = setInterval(() => {
      this.round ??= this.checkAll().finally(() => (this.round = undefined));
    }, this.config.health.intervalMs).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
    await Promise.all(this.dependencies.map(({ check }) => check.probe.close?.()));
  }

  statuses(): DependencyStatus[] {
    return this.dependencies.map(({ check: { probe }, state }) => ({
      dependency: probe.dependency,
      required: probe.required,
      up: state.up,
      since: state.since,
      failure: state.failure,
    }));
  }

  private async checkAll(): Promise<void> {
    await Promise.all(this.dependencies.map((dependency) => this.checkOne(dependency)));
  }

  private async checkOne({ check, state }: Dependency): Promise<void> {
    const { dependency } = check.probe;
    const { result, seconds } = await check.run(this.config.health.timeoutMs);
    if (seconds !== undefined) {
      observeWithTrace(this.duration, { dependency }, seconds, undefined);
    }
    const transition = state.record(result);
    this.upGauge.labels({ dependency }).set(state.up ? 1 : 0);
    this.log(check.probe, transition, state);
  }

  private log(probe: DependencyProbe, transition: Transition, state: DependencyState): void {
    if (!transition) return;
    const kind = probe.required ? 'required' : 'optional';
    if (transition === 'up') {
      this.logger.log(`${kind} dependency ${probe.dependency} is up`);
      return;
    }
    this.logger.warn(`${kind} dependency ${probe.dependency} is down: ${state.failure}`);
  }
}
