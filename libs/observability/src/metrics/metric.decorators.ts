/**
 * Method decorators that record a business metric next to the code it measures:
 *
 *   @Counted(LINK_REDIRECTS, { labels: ({ error }) => ({ result: redirectResult(error) }) })
 *   async visit(slug: string) { ... }
 *
 * Each call is recorded once it settles (sync return, resolved or rejected promise), with
 * labels computed from its outcome, so failures are counted like successes. The recording
 * itself waits for the end of the event loop's turn (deferred-recording.ts). A `labels`
 * function that returns null leaves that call unrecorded. The decorated method keeps its
 * behaviour: its result or error passes through untouched, and a faulty metric callback is
 * logged, never thrown into the caller.
 */
import { Logger } from '@nestjs/common';
import { trace, type SpanContext } from '@opentelemetry/api';
import type { LabelValues } from 'prom-client';
import type { CounterDefinition, HistogramDefinition } from './metric-catalog';
import { recordLater } from './deferred-recording';
import { counterOf, histogramOf } from './metric-registry';
import { observeWithTrace } from './trace-exemplar';

export interface CallOutcome<Args extends unknown[] = unknown[], Result = unknown> {
  args: Args;
  /** The returned (or resolved) value; undefined when the call failed. */
  result?: Result;
  /** What the call threw (or rejected with); undefined when it succeeded. */
  error?: unknown;
  failed: boolean;
}

type OutcomeFunction<Args extends unknown[], Result, T> = (outcome: CallOutcome<Args, Result>) => T;

export interface CountedOptions<L extends string, Args extends unknown[], Result> {
  /** Labels of this call, or null to leave it uncounted. Default: no labels, every call. */
  labels?: OutcomeFunction<Args, Result, LabelValues<L> | null>;
  /** How much this call adds, e.g. the size of a batch. Default 1. */
  amount?: OutcomeFunction<Args, Result, number>;
}

export interface ObservedOptions<L extends string, Args extends unknown[], Result> {
  labels?: OutcomeFunction<Args, Result, LabelValues<L> | null>;
  /** The value to observe, in the histogram's unit. */
  value: OutcomeFunction<Args, Result, number>;
}

export type TimedOptions<L extends string, Args extends unknown[], Result> = Pick<
  ObservedOptions<L, Args, Result>,
  'labels'
>;

type Method<Args extends unknown[], Result> = (...args: Args) => Result | Promise<Result>;

type MethodDecorator<Args extends unknown[], Result> = <M extends Method<Args, Result>>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<M>,
) => void;

const logger = new Logger('Metrics');

/** Counts calls of the method into a counter of the catalog. */
export function Counted<L extends string, Args extends unknown[] = never[], Result = unknown>(
  definition: CounterDefinition<L>,
  options: CountedOptions<L, Args, Result> = {},
): MethodDecorator<Args, Result> {
  const counter = counterOf(definition);
  return recordingDecorator<Args, Result>(definition.name, false, (outcome) => {
    const labels = options.labels ? options.labels(outcome) : {};
    if (labels) counter.inc(labels, options.amount ? options.amount(outcome) : 1);
  });
}

/** Observes a value computed from each call's outcome (e.g. an event's lag) into a histogram. */
export function Observed<L extends string, Args extends unknown[] = never[], Result = unknown>(
  definition: HistogramDefinition<L>,
  options: ObservedOptions<L, Args, Result>,
): MethodDecorator<Args, Result> {
  const histogram = histogramOf(definition);
  return recordingDecorator<Args, Result>(definition.name, true, (outcome, _seconds, span) => {
    const labels = options.labels ? options.labels(outcome) : {};
    if (labels) observeWithTrace(histogram, labels, options.value(outcome), span);
  });
}

/** Observes how long each call took, in seconds, until its promise settled. */
export function Timed<L extends string, Args extends unknown[] = never[], Result = unknown>(
  definition: HistogramDefinition<L>,
  options: TimedOptions<L, Args, Result> = {},
): MethodDecorator<Args, Result> {
  const histogram = histogramOf(definition);
  return recordingDecorator<Args, Result>(definition.name, true, (outcome, seconds, span) => {
    const labels = options.labels ? options.labels(outcome) : {};
    if (labels) observeWithTrace(histogram, labels, seconds, span);
  });
}

type Recorder<Args extends unknown[], Result> = (
  outcome: CallOutcome<Args, Result>,
  /** How long the call took until it settled. */
  seconds: number,
  /** The span active when the call settled, for an exemplar; only for `traced` recorders. */
  span: SpanContext | undefined,
) => void;

/**
 * `traced`: the recorder wants the call's span. Recording happens later, in another context
 * (deferred-recording.ts), so the span is taken when the call settles.
 */
function recordingDecorator<Args extends unknown[], Result>(
  metricName: string,
  traced: boolean,
  record: Recorder<Args, Result>,
): MethodDecorator<Args, Result> {
  return <M extends Method<Args, Result>>(
    _target: object,
    _key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ) => instrument<Args, Result, M>(descriptor, metricName, traced, record);
}

/** Replaces the method with one that records each settled call, keeping Nest's metadata. */
function instrument<Args extends unknown[], Result, M extends Method<Args, Result>>(
  descriptor: TypedPropertyDescriptor<M>,
  metricName: string,
  traced: boolean,
  record: Recorder<Args, Result>,
): void {
  const method = descriptor.value;
  if (!method) throw new Error(`@${metricName} decorates methods only`);
  const safeRecord: Recorder<Args, Result> = (outcome, seconds, span) => {
    try {
      record(outcome, seconds, span);
    } catch (error) {
      logger.error(`cannot record ${metricName}: ${String(error)}`);
    }
  };
  const settled = (outcome: CallOutcome<Args, Result>, startedAt: number): void =>
    recordLater(
      safeRecord,
      outcome,
      (performance.now() - startedAt) / 1000,
      traced ? trace.getActiveSpan()?.spanContext() : undefined,
    );
  const instrumented = function (this: unknown, ...args: Args): Result | Promise<Result> {
    const startedAt = performance.now();
    let returned: Result | Promise<Result>;
    try {
      returned = method.apply(this, args);
    } catch (error) {
      settled({ args, error, failed: true }, startedAt);
      throw error;
    }
    if (!(returned instanceof Promise)) {
      settled({ args, result: returned, failed: false }, startedAt);
      return returned;
    }
    // A side branch records the outcome; the caller gets the original promise, unchanged.
    returned.then(
      (result) => settled({ args, result, failed: false }, startedAt),
      (error: unknown) => settled({ args, error, failed: true }, startedAt),
    );
    return returned;
  };
  copyMetadata(method, instrumented);
  descriptor.value = instrumented as M;
}

/** Nest keeps route and pattern metadata on the method itself; the wrapper must carry it. */
function copyMetadata(from: object, to: object): void {
  for (const key of Reflect.getMetadataKeys(from)) {
    Reflect.defineMetadata(key, Reflect.getMetadata(key, from), to);
  }
  Object.defineProperty(to, 'name', { value: (from as { name: string }).name });
}
