/**
 * A plain amqplib connection to the first node of AMQP_URL that answers, for one-shot tools
 * (`npm run dlq`, the clean-up of tests and benchmarks) that need no reconnection. The apps use
 * RabbitConnection instead.
 */
import { connect, type ChannelModel } from 'amqplib';
import { rabbitNodeOf } from './rabbit-node';

type Connect = (url: string, socketOptions?: object) => Promise<ChannelModel>;

/** Fails naming each node (host:port) and why it did not answer. */
export async function connectToFirst(
  urls: readonly string[],
  socketOptions?: object,
  open: Connect = connect,
): Promise<ChannelModel> {
  const failures: string[] = [];
  for (const url of urls) {
    try {
      return await open(url, socketOptions);
    } catch (error) {
      failures.push(`${rabbitNodeOf(url)}: ${(error as Error).message}`);
    }
  }
  throw new Error(`no RabbitMQ node answered (${failures.join('; ')})`);
}
