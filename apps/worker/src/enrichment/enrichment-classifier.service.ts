/**
 * Classifies a link or a product through the AI provider behind a circuit breaker
 * (`ai-provider`), and through the local classifiers whenever the provider is unset, fails, is
 * too slow or its circuit is open. Every classification counts once in
 * `ai_requests_total{result}`: `success` (the provider answered), `error` (it was asked and
 * failed), `fallback` (it was not asked).
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { AI_REQUESTS, Counted, type CallOutcome } from '@beacon/observability';
import { createCircuitBreaker, isOpenCircuit, type Breaker } from '@beacon/resilience';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { AiProviderClient, AiProviderError } from './ai-provider.client';
import type { Classification, ClassificationSubject } from './classification';
import { classifyLinkLocally } from './local-link-classifier';
import { classifyProductLocally } from './local-product-classifier';

export type ClassificationSource = 'success' | 'error' | 'fallback';

export interface SourcedClassification extends Classification {
  source: ClassificationSource;
}

@Injectable()
export class EnrichmentClassifier implements OnModuleDestroy {
  private readonly logger = new Logger(EnrichmentClassifier.name);
  private readonly provider: Breaker<[ClassificationSubject], Classification> | undefined;

  constructor(@InjectConfig() { ai, demoFaults }: BeaconConfig) {
    const ask = demoFaults.aiFailure ? failingProvider : providerOf(ai);
    if (!ask) return;
    this.provider = createCircuitBreaker('ai-provider', ask, {
      timeoutMs: ai.timeoutMs,
      resetTimeoutMs: ai.breakerResetMs,
    });
  }

  @Counted(AI_REQUESTS, {
    labels: ({ result }: CallOutcome<[ClassificationSubject], SourcedClassification>) => ({
      result: result?.source ?? 'error',
    }),
  })
  async classify(subject: ClassificationSubject): Promise<SourcedClassification> {
    if (!this.provider || this.provider.opened) return locally(subject, 'fallback');
    try {
      return { ...(await this.provider.fire(subject)), source: 'success' };
    } catch (error) {
      // Opened by a concurrent call after the check above: the provider was not asked.
      const source = this.provider.opened && isOpenCircuit(error) ? 'fallback' : 'error';
      if (source === 'error') this.logger.warn(`AI provider failed: ${(error as Error).message}`);
      return locally(subject, source);
    }
  }

  /** Stops the breaker's timers (its rolling window and a pending half-open probe). */
  onModuleDestroy(): void {
    this.provider?.shutdown();
  }
}

function locally(subject: ClassificationSubject, source: ClassificationSource) {
  const classification =
    subject.kind === 'link'
      ? classifyLinkLocally(subject.targetUrl)
      : classifyProductLocally(subject);
  return { ...classification, source };
}

function providerOf(
  ai: BeaconConfig['ai'],
): ((subject: ClassificationSubject) => Promise<Classification>) | undefined {
  const { providerUrl } = ai;
  if (!providerUrl) return undefined;
  const client = new AiProviderClient({ ...ai, providerUrl });
  return (subject) => client.classify(subject);
}

/** DEMO_AI_FAILURE: a provider that always fails, configured or not. */
function failingProvider(): Promise<Classification> {
  return Promise.reject(new AiProviderError('demo fault: DEMO_AI_FAILURE'));
}
