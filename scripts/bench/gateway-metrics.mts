// Figures read back from a gateway's `/metrics` (OpenMetrics text, behind its token).
import { randomBytes } from 'node:crypto';
import { settleExports } from './otlp-receivers.mts';
import { checkRedirect, type Gateway, type Server } from './servers.mts';
import { HTTP_TIMEOUT_MS } from './settings.mts';

const DROPPED_SPANS = 'otel_spans_dropped_total';

/**
 * `otel_spans_dropped_total` of a traced gateway, once its exports are over. The SDK reports the
 * spans it dropped only when the next span enters its queue, so a drop at the very end of the
 * load would not be counted yet: one redirect with a sampled `traceparent` (recorded whatever
 * the sampler) flushes that report first.
 */
export async function spansDropped(
  gateway: Gateway,
  receiver: Server,
  slug: string,
): Promise<number> {
  const traceparent = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
  await checkRedirect(gateway.base, slug, { traceparent });
  await settleExports(receiver);
  const value = await counterValue(gateway, DROPPED_SPANS);
  if (value === undefined) {
    throw new Error(`${gateway.child.name}: no ${DROPPED_SPANS} in /metrics, is tracing on?`);
  }
  return value;
}

/** `cache_requests_total{cache="products",result}` of a gateway (0 before its first read). */
export async function cacheRequests(gateway: Gateway, result: 'hit' | 'miss'): Promise<number> {
  const labels = [`cache="products"`, `result="${result}"`];
  const sample = (await metricsText(gateway))
    .split('\n')
    .find(
      (line) =>
        line.startsWith('cache_requests_total{') && labels.every((label) => line.includes(label)),
    );
  return sample ? Number(sample.split(' ')[1]) : 0;
}

/**
 * The sum of a counter's samples whose labels include all of `labels` (`name="value"` each),
 * undefined when `/metrics` has no sample of it at all.
 */
export async function counterSum(
  gateway: Gateway,
  name: string,
  labels: string[] = [],
): Promise<number | undefined> {
  const samples = (await metricsText(gateway))
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && labels.every((label) => line.includes(label)));
  if (samples.length === 0) return undefined;
  // The value follows the label set; an exemplar may follow the value.
  return samples.reduce((sum, line) => sum + Number(/^[^{]*\{[^}]*\} (\S+)/.exec(line)?.[1]), 0);
}

/** The value of an unlabelled counter, undefined when `/metrics` does not have it. */
async function counterValue(gateway: Gateway, name: string): Promise<number | undefined> {
  const sample = new RegExp(`^${name} (\\S+)`, 'm').exec(await metricsText(gateway));
  return sample ? Number(sample[1]) : undefined;
}

async function metricsText(gateway: Gateway): Promise<string> {
  const response = await fetch(`${gateway.base}/metrics`, {
    headers: { 'x-metrics-token': gateway.metricsToken },
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  if (response.status !== 200) {
    throw new Error(`${gateway.child.name}: /metrics answered ${response.status}`);
  }
  return response.text();
}
