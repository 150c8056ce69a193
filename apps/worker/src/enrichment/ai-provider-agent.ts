/**
 * The AI provider's sockets: kept alive between calls (no TCP and TLS handshake per
 * classification), at most AI_MAX_SOCKETS open at once (further calls wait for a free one, so
 * a burst of new links cannot open hundreds of connections to a rate-limited API), and each
 * closed after AI_KEEPALIVE_IDLE_MS unused, or sooner if the provider's Keep-Alive header asks.
 *
 * fetch() would take such limits only as an undici Agent (its `dispatcher`), and the undici
 * package is not among Beacon's dependencies; node:http's Agent does the same job.
 */
import type { AiAgentConfig } from '@beacon/config';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

export function createProviderAgent(providerUrl: string, agent: AiAgentConfig): HttpAgent {
  const options = {
    keepAlive: true,
    maxSockets: agent.maxSockets,
    // For a free socket, the idle time after which the agent closes it; a call in progress
    // only gets a 'timeout' event nobody listens to (AI_TIMEOUT_MS bounds calls).
    timeout: agent.keepAliveIdleMs,
  };
  return new URL(providerUrl).protocol === 'https:'
    ? new HttpsAgent(options)
    : new HttpAgent(options);
}
