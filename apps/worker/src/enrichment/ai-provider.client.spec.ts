import { describe, expect, it } from 'vitest';
import { AiProviderError, parseAnswer } from './ai-provider.client';

const completion = (content: string) => ({ choices: [{ message: { content } }] });

describe('parseAnswer', () => {
  it('reads the category and summary from the message content', () => {
    expect(
      parseAnswer(completion('{"category": "video", "summary": " A talk about queues "}'), 'link'),
    ).toEqual({ category: 'video', summary: 'A talk about queues' });
  });

  it('holds each kind to its own categories', () => {
    const kettle = completion('{"category": "kitchen", "summary": "A copper kettle"}');
    expect(parseAnswer(kettle, 'product')).toEqual({
      category: 'kitchen',
      summary: 'A copper kettle',
    });
    expect(() => parseAnswer(kettle, 'link')).toThrow(AiProviderError);
  });

  it.each([
    ['not a completion', { error: 'quota' }],
    ['content that is not JSON', completion('It is a video.')],
    ['a category outside the set', completion('{"category": "cats", "summary": "x"}')],
    ['no summary', completion('{"category": "video", "summary": ""}')],
  ])('refuses %s', (_case, body) => {
    expect(() => parseAnswer(body, 'link')).toThrow(AiProviderError);
  });
});
