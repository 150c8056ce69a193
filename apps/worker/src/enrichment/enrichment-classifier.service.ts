/**
 * Classifies a link or a product through the AI provider behind a circuit breaker
 * (`ai-provider`; AI_TIMEOUT_MS and the AI_BREAKER_* settings, read from the live configuration
 * at each call), and through the local classifiers whenever the provider is unset, fails, is too
 * slow or its circuit refuses the call. Every classification counts once in
 * `ai_requests_total{result}`: `success` (the provider answered), `error` (it was asked and
 * failed), `fallback` (it was not asked).
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { AI_REQUESTS, Counted, type CallOutcome } from '@beacon/observability';
import { CircuitBreaker, isOpenCircuit } from '@beacon/resilience';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AiProviderClient, AiProviderError } from './ai-provider.client';
import type { Classification, ClassificationSubject } from './classification';
import { classifyLinkLocally } from './local-link-classifier';
import { classifyProductLocally } from './local-product-classifier';

export type ClassificationSource = 'success' | 'error' | 'fallback';

export interface SourcedClassification extends Classification {
  source: ClassificationSource;
}

@Injectable()
export class EnrichmentClassifier implements OnApplicationShutdown {
  private readonly logger = new Logger(EnrichmentClassifier.name);
  /**
   * Unset without AI_PROVIDER_URL, DEMO_AI_FAILURE and RUNTIME_CONFIG_FILE: every answer is
   * local. DEMO_AI_FAILURE is reloadable, so with a runtime file the breaker exists even without
   * a provider, and the fault is read at each call.
   */
  private readonly breaker: CircuitBreaker | undefined;
  /** Unset without AI_PROVIDER_URL; holds the provider's kept-alive sockets. */
  private readonly client: AiProviderClient | undefined;

  constructor(@InjectConfig() private readonly config: BeaconConfig) {
    const { providerUrl } = config.ai;
    this.client = providerUrl ? new AiProviderClient(config.ai, providerUrl) : undefined;
    if (!this.client && !config.demoFaults.aiFailure && !config.runtimeConfigFile) return;
    this.breaker = new CircuitBreaker('ai-provider', {
      settings: () => ({ timeoutMs: config.ai.timeoutMs, ...config.ai.breaker }),
    });
  }

  /** The provider to ask now, if any: the demo fault's failing one while DEMO_AI_FAILURE is on. */
  private askProvider(): AskProvider | undefined {
    if (this.config.demoFaults.aiFailure) return failingProvider;
    const client = this.client;
    return client && ((subject) => client.classify(subject));
  }

  @Counted(AI_REQUESTS, {
    labels: ({ result }: CallOutcome<[ClassificationSubject], SourcedClassification>) => ({
      result: result?.source ?? 'error',
    }),
  })
  async classify(subject: ClassificationSubject): Promise<SourcedClassification> {
    const ask = this.askProvider();
    if (!ask || !this.breaker) return locally(subject, 'fallback');
    try {
      return { ...(await this.breaker.run(() => ask(subject))), source: 'success' };
    } catch (error) {
      // Refused by the circuit: the provider was not asked.
      if (isOpenCircuit(error)) return locally(subject, 'fallback');
      this.logger.warn(`AI provider failed: ${(error as Error).message}`);
      return locally(subject, 'error');
    }
  }

  /**
   * Closes the provider's kept-alive sockets once the consumers stopped: Nest runs every
   * `onModuleDestroy` before them, while events still arrive that would then fail to classify.
   */
  onApplicationShutdown(): void {
    this.client?.close();
  }
}

function locally(subject: ClassificationSubject, source: ClassificationSource) {
  const classification =
    subject.kind === 'link'
      ? classifyLinkLocally(subject.targetUrl)
      : classifyProductLocally(subject);
  return { ...classification, source };
}

type AskProvider = (subject: ClassificationSubject) => Promise<Classification>;

/** DEMO_AI_FAILURE: a provider that always fails, configured or not. */
function failingProvider(): Promise<Classification> {
  return Promise.reject(new AiProviderError('demo fault: DEMO_AI_FAILURE'));
}
