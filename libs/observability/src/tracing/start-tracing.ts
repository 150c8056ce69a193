/**
 * Starts OpenTelemetry tracing for an app. Called by `apps/<app>/src/instrumentation.ts`, which
 * Node loads with `--import` before main.js, so the instrumented packages (http, mysql2,
 * amqplib, pino) are patched before anything requires them.
 *
 * Kept lean for the hot path, where each instrumentation was measured (docs/benchmarks.md):
 * an incoming request gets one span, the SERVER span of Beacon's own Fastify hooks
 * (http-server-spans.ts, which decide a new trace's sampling before any span exists), rather
 * than @fastify/otel's or the http instrumentation's, and no span per controller call (no
 * NestJS instrumentation). The http instrumentation covers outgoing calls only. Spans leave in
 * batches sized for a busy gateway, and a span the batch queue cannot hold is counted in
 * `otel_spans_dropped_total` rather than lost silently.
 */
import type { BeaconConfig } from '@beacon/config';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { AmqplibInstrumentation } from '@opentelemetry/instrumentation-amqplib';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MySQL2Instrumentation } from '@opentelemetry/instrumentation-mysql2';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { startNodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import { Counter } from 'prom-client';
import { HeadSampledSampler } from './head-sampling';
import { traceSampler } from './trace-sampler';
import { beaconVersion } from '../beacon-version';

/** Room for a few seconds of fully traced traffic at the gateway's peak rate. */
const SPAN_QUEUE_SIZE = 65_536;
const SPAN_BATCH_SIZE = 2_048;
const SPAN_EXPORT_INTERVAL_MS = 1_000;

/** The running SDK, for `stopTracing`; undefined while tracing is off. */
let running: { shutdown(): Promise<void> } | undefined;

export function startTracing(config: BeaconConfig): void {
  if (!config.tracing.enabled) return;
  const { endpoint, serviceName } = config.tracing;
  running = startNodeSDK({
    resourceAttributes: {
      'service.name': serviceName,
      'service.version': beaconVersion(),
      'deployment.environment.name': config.env,
    },
    sampler: new HeadSampledSampler(traceSampler(config.tracing)),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }),
        maxQueueSize: SPAN_QUEUE_SIZE,
        maxExportBatchSize: SPAN_BATCH_SIZE,
        scheduledDelayMillis: SPAN_EXPORT_INTERVAL_MS,
      }),
    ],
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({ disableIncomingRequestInstrumentation: true }),
      new MySQL2Instrumentation(),
      new AmqplibInstrumentation(),
      new PinoInstrumentation({
        disableLogSending: true,
        logKeys: { traceId: 'traceId', spanId: 'spanId', traceFlags: 'traceFlags' },
      }),
    ],
  });
  // After the SDK: starting it installs its own console logger, which would hide the drops.
  diag.setLogger(countingDroppedSpans(), {
    logLevel: DiagLogLevel.WARN,
    suppressOverrideMessage: true,
  });
}

/** Exports the spans still queued and stops the SDK (the last step of a graceful shutdown). */
export async function stopTracing(): Promise<void> {
  await running?.shutdown();
  running = undefined;
}

/**
 * The SDK reports dropped spans only as a diagnostic warning; this turns it into a metric and
 * passes every diagnostic on to stderr (the app's logger does not exist yet).
 */
function countingDroppedSpans(): DiagLogger {
  const dropped = new Counter({
    name: 'otel_spans_dropped_total',
    help: 'Spans the tracer dropped because its export queue was full',
  });
  const write =
    (level: string) =>
    (message: string, ...args: unknown[]) => {
      const count = /^Dropped (\d+) spans/.exec(message);
      if (count) dropped.inc(Number(count[1]));
      process.stderr.write(`${JSON.stringify({ level, msg: message, args: args.map(String) })}\n`);
    };
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    verbose: write('trace'),
  };
}
