// The OTLP/HTTP trace receiver the traced gateways export to: it answers every
// `POST /v1/traces` with 200 at once, then counts the spans of the JSON body
// (resourceSpans[].scopeSpans[].spans[]) and keeps nothing else. `GET /stats` returns the counts.
// The bench (otlp-receivers.mts) starts one per traced gateway, as a child process so that its
// CPU time is accounted apart from the gateway's and the load generator's, and reads the port it
// listens on from an IPC message.
import http from 'node:http';
import { serveAsBenchChild } from './bench-child-server.mts';
import { gunzipSync } from 'node:zlib';

interface OtlpTraces {
  resourceSpans?: { scopeSpans?: { spans?: unknown[] }[] }[];
}

const stats = { exports: 0, inFlight: 0, spans: 0, bytes: 0, invalid: 0, lastInvalid: '' };

const server = http.createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/stats') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
    return;
  }
  if (request.method !== 'POST' || request.url !== '/v1/traces') {
    response.writeHead(404, { 'content-length': '0' }).end();
    return;
  }
  // Counted from its first byte: the bench waits until no export is in flight.
  stats.inFlight++;
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('close', () => stats.inFlight--);
  request.on('end', () => {
    // Answer before parsing: the exporter sends its next batch only after this one's answer.
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    count(Buffer.concat(chunks), request.headers['content-encoding']);
  });
});

function count(body: Buffer, encoding: string | undefined): void {
  stats.exports++;
  stats.bytes += body.length;
  try {
    const text = (encoding === 'gzip' ? gunzipSync(body) : body).toString('utf8');
    const traces = JSON.parse(text) as OtlpTraces;
    for (const resourceSpans of traces.resourceSpans ?? []) {
      for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
        stats.spans += scopeSpans.spans?.length ?? 0;
      }
    }
  } catch (error) {
    // The bench fails the run on any invalid body: its spans would go uncounted.
    stats.invalid++;
    stats.lastInvalid = (error as Error).message;
  }
}

serveAsBenchChild(server);
