/**
 * A minimal OTLP/HTTP trace receiver (JSON, as @opentelemetry/exporter-trace-otlp-http sends):
 * the trace e2e suite points the apps at it and reads the spans back.
 */
import { startCollectingServer, type CollectingServer } from './collecting-server';

export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP span kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  attributes: Record<string, string | number | boolean>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpTraces {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: {
      spans?: (Omit<ReceivedSpan, 'service' | 'attributes'> & { attributes?: OtlpAttribute[] })[];
    }[];
  }[];
}

export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  private server?: CollectingServer;

  static async start(): Promise<OtlpReceiver> {
    const receiver = new OtlpReceiver();
    receiver.server = await startCollectingServer((path, body) => {
      if (path === '/v1/traces') receiver.collect(body);
    });
    return receiver;
  }

  get url(): string {
    return this.server!.base;
  }

  close(): Promise<void> {
    return this.server!.close();
  }

  private collect(body: Buffer): void {
    const traces = JSON.parse(body.toString('utf8')) as OtlpTraces;
    for (const resourceSpans of traces.resourceSpans ?? []) {
      const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          this.spans.push({ ...span, service, attributes: attributesOf(span.attributes) });
        }
      }
    }
  }
}

function attributesOf(attributes: OtlpAttribute[] = []): ReceivedSpan['attributes'] {
  return Object.fromEntries(
    attributes.map(({ key, value }) => [
      key,
      value.stringValue ?? value.boolValue ?? value.doubleValue ?? Number(value.intValue),
    ]),
  );
}
