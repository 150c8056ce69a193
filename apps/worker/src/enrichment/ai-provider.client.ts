/**
 * Asks an OpenAI-compatible chat completions endpoint (`${AI_PROVIDER_URL}/chat/completions`)
 * for a link's or a product's category and summary. Anything but a well-formed answer in the
 * subject's fixed set is an error (the circuit breaker counts it); the request is abandoned after
 * AI_TIMEOUT_MS, time spent waiting for one of the agent's sockets included.
 */
import type { BeaconConfig } from '@beacon/config';
import type { Agent } from 'node:http';
import { z } from 'zod';
import { createProviderAgent } from './ai-provider-agent';
import { postJson } from './post-json';
import {
  CATEGORIES_OF,
  classificationSchema,
  type Classification,
  type ClassificationSubject,
} from './classification';

const WHAT: Record<ClassificationSubject['kind'], string> = {
  link: 'web links',
  product: 'products of an online catalog',
};

/** The user's message: what the model gets to see of the subject. */
function describe(subject: ClassificationSubject): string {
  if (subject.kind === 'link') return `URL: ${subject.targetUrl}`;
  return `Name: ${subject.name}\nShop category: ${subject.category}\nDescription: ${subject.description}`;
}

function systemPrompt(kind: ClassificationSubject['kind']): string {
  const categories = CATEGORIES_OF[kind].map((category) => `"${category}"`).join(', ');
  return (
    `You classify ${WHAT[kind]}. Answer with one JSON object and nothing else: ` +
    `{"category": one of ${categories}, ` +
    `"summary": one line of at most 140 characters saying what the ${kind} is}.`
  );
}

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

export class AiProviderError extends Error {}

export class AiProviderClient {
  private readonly endpoint: URL;
  private readonly agent: Agent;

  /** `ai` is the live configuration's section: AI_TIMEOUT_MS is reloadable. */
  constructor(
    private readonly ai: BeaconConfig['ai'],
    providerUrl: string,
  ) {
    this.endpoint = new URL(`${providerUrl}/chat/completions`);
    this.agent = createProviderAgent(providerUrl, ai.agent);
  }

  async classify(subject: ClassificationSubject): Promise<Classification> {
    const answer = await postJson(
      this.endpoint,
      {
        model: this.ai.model,
        temperature: 0,
        messages: [
          { role: 'system', content: systemPrompt(subject.kind) },
          { role: 'user', content: describe(subject) },
        ],
      },
      {
        agent: this.agent,
        headers: this.ai.apiKey ? { authorization: `Bearer ${this.ai.apiKey}` } : {},
        signal: AbortSignal.timeout(this.ai.timeoutMs),
      },
    );
    if (answer.status < 200 || answer.status > 299) {
      throw new AiProviderError(`provider answered ${answer.status}`);
    }
    return parseAnswer(parseJson(answer.body), subject.kind);
  }

  /** Closes the kept-alive sockets (on shutdown). */
  close(): void {
    this.agent.destroy();
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new AiProviderError('provider answer body is not JSON');
  }
}

export function parseAnswer(body: unknown, kind: ClassificationSubject['kind']): Classification {
  const completion = completionSchema.safeParse(body);
  if (!completion.success) throw new AiProviderError('provider answer is not a chat completion');
  let content: unknown;
  try {
    content = JSON.parse(completion.data.choices[0].message.content);
  } catch {
    throw new AiProviderError('provider answer is not JSON');
  }
  const classification = classificationSchema(kind).safeParse(content);
  if (!classification.success) {
    throw new AiProviderError('provider answer is outside the categories or has no summary');
  }
  return classification.data;
}
