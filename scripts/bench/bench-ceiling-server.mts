// The benchmark's ceiling: the least a server can do for `GET /:slug` — a bare node:http server
// answering 302 + Location from a Map, 404 otherwise. The bench (servers.mts) starts it as a child
// process (so it does not share an event loop with the load generator), passes the links as JSON
// in BENCH_CEILING_LINKS, and reads the port it listens on from an IPC message.
import http from 'node:http';
import { serveAsBenchChild } from './bench-child-server.mts';

const links = new Map<string, string>(
  Object.entries(JSON.parse(process.env.BENCH_CEILING_LINKS ?? '{}') as Record<string, string>),
);

const server = http.createServer((request, response) => {
  const target = request.method === 'GET' ? links.get((request.url ?? '').slice(1)) : undefined;
  if (target === undefined) {
    response.writeHead(404, { 'content-length': '0' });
    response.end();
    return;
  }
  response.writeHead(302, {
    location: target,
    'cache-control': 'private, no-store',
    'content-length': '0',
  });
  response.end();
});

// Fastify's default, as the gateway has it: node:http's 5 s would close the connections that
// bench:connections leaves idle for `connections ÷ rate` seconds between requests.
server.keepAliveTimeout = 72_000;

serveAsBenchChild(server);
