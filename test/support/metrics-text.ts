/** Reads `/metrics` (OpenMetrics text) into samples the e2e suites can assert on. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** The exemplar's labels, when the sample carries one (`# {trace_id="..."} value ts`). */
  exemplar?: Record<string, string>;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*?)\})? (\S+)(?: # \{(.*?)\} .*)?$/;
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseMetrics(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    const match = SAMPLE_LINE.exec(line);
    if (!match || line.startsWith('#')) continue;
    const [, name, labels, value, exemplar] = match;
    samples.push({
      name,
      labels: parseLabels(labels),
      value: parseValue(value),
      ...(exemplar === undefined ? {} : { exemplar: parseLabels(exemplar) }),
    });
  }
  return samples;
}

export async function scrapeMetrics(baseUrl: string, token: string): Promise<MetricSample[]> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: { 'x-metrics-token': token } });
  if (!response.ok) throw new Error(`scrape of ${baseUrl} answered ${response.status}`);
  return parseMetrics(await response.text());
}

/** Samples of a metric whose labels include the given ones. */
export function samplesOf(
  samples: MetricSample[],
  name: string,
  labels: Record<string, string> = {},
): MetricSample[] {
  return samples.filter(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
}

/** The sum of the matching samples' values (0 when none match). */
export function valueOf(
  samples: MetricSample[],
  name: string,
  labels: Record<string, string> = {},
): number {
  return samplesOf(samples, name, labels).reduce((sum, sample) => sum + sample.value, 0);
}

/** OpenMetrics writes infinities as `+Inf` and `-Inf`, which Number() does not read. */
function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

function parseLabels(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [, key, value] of (text ?? '').matchAll(LABEL_PAIR)) labels[key] = value;
  return labels;
}
