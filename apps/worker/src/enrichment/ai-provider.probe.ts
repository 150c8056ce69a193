/**
 * Readiness's probe of the AI provider (AI_PROVIDER_URL; optional: enrichment falls back to the
 * local classifiers): `GET ${AI_PROVIDER_URL}/models`, the cheapest request an OpenAI-compatible
 * API serves, with the key. Any HTTP answer, an error status included, proves it reachable; a
 * connection error or no answer within the check's timeout means down. Whether it classifies
 * well is the circuit breaker's business (`ai_requests_total`, `circuit_breaker_state`).
 */
import type { BeaconConfig } from '@beacon/config';
import type { DependencyProbe } from '@beacon/observability';

export function aiProviderProbe(
  providerUrl: string,
  ai: Pick<BeaconConfig['ai'], 'apiKey'>,
): DependencyProbe {
  return {
    dependency: 'ai-provider',
    required: false,
    async check(signal) {
      const response = await fetch(`${providerUrl}/models`, {
        headers: { ...(ai.apiKey && { authorization: `Bearer ${ai.apiKey}` }) },
        signal,
      });
      await response.body?.cancel();
    },
  };
}
