import type { ChannelModel } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { connectToFirst } from './connect-to-first';

const URLS = ['amqp://u:secret@a:5672', 'amqp://u:secret@b:5673', 'amqp://u:secret@c:5674'];

/** A broker side where only `up` hosts answer; records the URLs tried, in order. */
function brokers(...up: string[]) {
  const tried: string[] = [];
  const open = async (url: string) => {
    tried.push(url);
    const { hostname } = new URL(url);
    if (!up.includes(hostname)) throw new Error(`connect ECONNREFUSED ${hostname}`);
    return { hostname } as unknown as ChannelModel;
  };
  return { tried, open };
}

describe('connectToFirst', () => {
  it('connects to the first node that answers, trying them in order', async () => {
    const { tried, open } = brokers('b', 'c');
    expect(await connectToFirst(URLS, undefined, open)).toEqual({ hostname: 'b' });
    expect(tried).toEqual(URLS.slice(0, 2));
  });

  it('names every node and its error when none answers, without credentials', async () => {
    const failing = connectToFirst(URLS, undefined, brokers().open);
    await expect(failing).rejects.toThrow(
      'no RabbitMQ node answered (a:5672: connect ECONNREFUSED a; b:5673: connect ECONNREFUSED b; c:5674: connect ECONNREFUSED c)',
    );
    await expect(failing).rejects.not.toThrow(/secret/);
  });
});
