/** A raw AMQP client for the e2e suites: publish like a foreign producer, read queues directly. */
import { connectToFirst, type RabbitTopology } from '@beacon/messaging';
import type { ChannelModel, ConfirmChannel, GetMessage } from 'amqplib';

export class AmqpTestClient {
  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: ConfirmChannel,
    private readonly topology: RabbitTopology,
  ) {}

  static async open(urls: string[], topology: RabbitTopology): Promise<AmqpTestClient> {
    const connection = await connectToFirst(urls);
    return new AmqpTestClient(connection, await connection.createConfirmChannel(), topology);
  }

  /** Publishes raw content to the events exchange and waits for the broker's confirm. */
  async publishEvent(routingKey: string, content: string | object): Promise<void> {
    const body = typeof content === 'string' ? content : JSON.stringify(content);
    this.channel.publish(this.topology.eventsExchange, routingKey, Buffer.from(body), {
      persistent: true,
      contentType: 'application/json',
    });
    await this.channel.waitForConfirms();
  }

  /** How many consumers the broker counts on a queue right now. */
  async consumerCount(queue: string): Promise<number> {
    return (await this.channel.checkQueue(queue)).consumerCount;
  }

  /** Takes the next message of a queue, or undefined when it is empty. */
  async take(queue: string): Promise<GetMessage | undefined> {
    const message = await this.channel.get(queue, { noAck: true });
    return message || undefined;
  }

  /**
   * An exclusive, auto-deleted queue bound to the events exchange: a wiretap for these keys.
   * The topology is declared first (with the apps' own arguments): an app still connecting, or
   * reaching the broker through a proxy, may not have declared the exchange yet.
   */
  async bindTemporaryQueue(...routingKeys: string[]): Promise<string> {
    await this.topology.declare(this.channel);
    const { queue } = await this.channel.assertQueue('', { exclusive: true, autoDelete: true });
    for (const key of routingKeys) {
      await this.channel.bindQueue(queue, this.topology.eventsExchange, key);
    }
    return queue;
  }

  /** Takes every message currently in a queue. */
  async drain(queue: string): Promise<GetMessage[]> {
    const messages: GetMessage[] = [];
    for (let message = await this.take(queue); message; message = await this.take(queue)) {
      messages.push(message);
    }
    return messages;
  }

  async messageCount(queue: string): Promise<number> {
    return (await this.channel.checkQueue(queue)).messageCount;
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
