/**
 * Asks an OpenAI-compatible chat completions endpoint (`${AI_PROVIDER_URL}/chat/completions`)
 * for a link's category and summary. Anything but a well-formed answer in the fixed set is an
 * error (the circuit breaker counts it); the request is abandoned after AI_TIMEOUT_MS.
 */
import type { BeaconConfig } from '@beacon/config';
import { z } from 'zod';
import { classificationSchema, LINK_CATEGORIES, type Classification } from './link-classification';

const SYSTEM_PROMPT =
  'You classify web links. Answer with one JSON object and nothing else: ' +
  `{"category": one of ${LINK_CATEGORIES.map((category) => `"${category}"`).join(', ')}, ` +
  '"summary": one line of at most 140 characters saying what the link is}.';

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

export class AiProviderError extends Error {}

export class AiProviderClient {
  constructor(private readonly ai: BeaconConfig['ai'] & { providerUrl: string }) {}

  async classifyLink(targetUrl: string): Promise<Classification> {
    const response = await fetch(`${this.ai.providerUrl}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.ai.apiKey && { authorization: `Bearer ${this.ai.apiKey}` }),
      },
      body: JSON.stringify({
        model: this.ai.model,
        temperature: 0,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: `URL: ${targetUrl}` },
        ],
      }),
      signal: AbortSignal.timeout(this.ai.timeoutMs),
    });
    if (!response.ok) throw new AiProviderError(`provider answered ${response.status}`);
    return parseAnswer(await response.json());
  }
}

export function parseAnswer(body: unknown): Classification {
  const completion = completionSchema.safeParse(body);
  if (!completion.success) throw new AiProviderError('provider answer is not a chat completion');
  let content: unknown;
  try {
    content = JSON.parse(completion.data.choices[0].message.content);
  } catch {
    throw new AiProviderError('provider answer is not JSON');
  }
  const classification = classificationSchema.safeParse(content);
  if (!classification.success) {
    throw new AiProviderError('provider answer is outside the categories or has no summary');
  }
  return classification.data;
}
