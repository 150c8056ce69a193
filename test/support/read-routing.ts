/**
 * The gateway's read routing seen from outside: reads per pool and fallbacks per reason from
 * /metrics, the replica's state from /health/ready, and a read load to run while a test breaks
 * things.
 */
import { expect } from 'vitest';
import type { BearerHeader } from './accounts';
import { request } from './http-client';
import { parseMetrics, valueOf } from './metrics-text';

/** The gateway's read routing as its /metrics shows it. */
export async function routing(gatewayUrl: string) {
  const samples = parseMetrics(await (await fetch(`${gatewayUrl}/metrics`)).text());
  return {
    primary: valueOf(samples, 'db_reads_total', { pool: 'primary' }),
    replica: valueOf(samples, 'db_reads_total', { pool: 'replica' }),
    fallbacks: (reason: string) => valueOf(samples, 'db_read_fallbacks_total', { reason }),
    lag: valueOf(samples, 'db_replica_lag_seconds'),
  };
}

/** What readiness says of the one replica. */
export async function replicaHealth(gatewayUrl: string) {
  const ready = await request(`${gatewayUrl}/health/ready`);
  expect(ready.status).toBe(200);
  const replicas = ready.body.details['mysql-replicas'].replicas;
  return Object.values(replicas)[0] as {
    serving: boolean;
    lagSeconds: number | null;
    reason?: string;
  };
}

/** One request of a load: a path of the gateway and, for the API, who asks. */
export interface LoadRequest {
  path: string;
  headers?: BearerHeader;
}

/**
 * Four clients sending the n-th request of `nextRequest` in a loop while a test works, keeping
 * every answer's status; a request that fails outright counts as status 0.
 */
export function readLoad(gatewayUrl: string, nextRequest: (n: number) => LoadRequest) {
  const statuses: number[] = [];
  let running = true;
  let sent = 0;
  const client = async () => {
    while (running) {
      const { path, headers } = nextRequest(sent++);
      const status = await fetch(`${gatewayUrl}${path}`, { headers, redirect: 'manual' }).then(
        async (response) => (await response.arrayBuffer(), response.status),
        () => 0,
      );
      statuses.push(status);
    }
  };
  return {
    /** Runs `work` under the load; the statuses once both are done. */
    async during(work: () => Promise<void>): Promise<number[]> {
      const clients = Array.from({ length: 4 }, client);
      try {
        await work();
      } finally {
        running = false;
        await Promise.all(clients);
      }
      return statuses;
    },
  };
}
