/**
 * Classifies a link through the AI provider behind a circuit breaker (`ai-provider`), and
 * through the local classifier whenever the provider is unset, fails, is too slow or its
 * circuit is open. Every classification counts once in `ai_requests_total{result}`: `success`
 * (the provider answered), `error` (it was asked and failed), `fallback` (it was not asked).
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { AI_REQUESTS, Counted, type CallOutcome } from '@beacon/observability';
import { createCircuitBreaker, isOpenCircuit, type Breaker } from '@beacon/resilience';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { AiProviderClient, AiProviderError } from './ai-provider.client';
import type { Classification } from './link-classification';
import { classifyLinkLocally } from './local-link-classifier';

export type ClassificationSource = 'success' | 'error' | 'fallback';

export interface SourcedClassification extends Classification {
  source: ClassificationSource;
}

@Injectable()
export class LinkClassifier implements OnModuleDestroy {
  private readonly logger = new Logger(LinkClassifier.name);
  private readonly provider: Breaker<[string], Classification> | undefined;

  constructor(@InjectConfig() { ai, demoFaults }: BeaconConfig) {
    const ask = demoFaults.aiFailure ? failingProvider : providerOf(ai);
    if (!ask) return;
    this.provider = createCircuitBreaker('ai-provider', ask, {
      timeoutMs: ai.timeoutMs,
      resetTimeoutMs: ai.breakerResetMs,
    });
  }

  @Counted(AI_REQUESTS, {
    labels: ({ result }: CallOutcome<[string], SourcedClassification>) => ({
      result: result?.source ?? 'error',
    }),
  })
  async classify(targetUrl: string): Promise<SourcedClassification> {
    if (!this.provider || this.provider.opened) return this.locally(targetUrl, 'fallback');
    try {
      return { ...(await this.provider.fire(targetUrl)), source: 'success' };
    } catch (error) {
      // Opened by a concurrent call after the check above: the provider was not asked.
      const source = this.provider.opened && isOpenCircuit(error) ? 'fallback' : 'error';
      if (source === 'error') this.logger.warn(`AI provider failed: ${(error as Error).message}`);
      return this.locally(targetUrl, source);
    }
  }

  /** Stops the breaker's timers (its rolling window and a pending half-open probe). */
  onModuleDestroy(): void {
    this.provider?.shutdown();
  }

  private locally(targetUrl: string, source: ClassificationSource): SourcedClassification {
    return { ...classifyLinkLocally(targetUrl), source };
  }
}

function providerOf(
  ai: BeaconConfig['ai'],
): ((url: string) => Promise<Classification>) | undefined {
  const { providerUrl } = ai;
  if (!providerUrl) return undefined;
  const client = new AiProviderClient({ ...ai, providerUrl });
  return (url) => client.classifyLink(url);
}

/** DEMO_AI_FAILURE: a provider that always fails, configured or not. */
function failingProvider(): Promise<Classification> {
  return Promise.reject(new AiProviderError('demo fault: DEMO_AI_FAILURE'));
}
