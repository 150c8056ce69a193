/**
 * What the readiness checks know of a dependency: its name, whether the app can serve without
 * it, and one cheap request that proves it answers. The apps build their probes (they know
 * their connections); this lib only runs them.
 */

export interface DependencyProbe {
  /** The `dependency` label of the metrics and the key in `/health/ready`, e.g. `mysql`. */
  readonly dependency: string;
  /** Down, a required dependency makes readiness 503; an optional one is only reported. */
  readonly required: boolean;
  /**
   * Resolves once the dependency answered, rejects with the reason otherwise. `signal` aborts
   * at HEALTH_CHECK_TIMEOUT_MS; a check that ignores it is abandoned at that point all the same.
   */
  check(signal: AbortSignal): Promise<void>;
  /** Releases what the probe holds of its own (a connection), once the checks have stopped. */
  close?(): Promise<void>;
}

/** Injection token of the app's `DependencyProbe[]` (HealthModule.forRoot's `probes`). */
export const DEPENDENCY_PROBES = Symbol('DEPENDENCY_PROBES');
