// The broker alone, for `npm run bench:pipeline`: packed messages published with confirms to a
// quorum queue of their own and consumed with acks by bare amqplib, storing nothing. A second
// reference line: what RabbitMQ's round trip costs before anything is stored.
import type { ChannelModel } from 'amqplib';

export const EVENTS_PER_MESSAGE = 100;

/** Publishes `bodies` to `queue` with confirms, each with its event count in a header. */
export async function publishBodies(
  connection: ChannelModel,
  queue: string,
  bodies: Buffer[],
): Promise<void> {
  const channel = await connection.createConfirmChannel();
  try {
    for (const body of bodies) {
      channel.publish('', queue, body, {
        persistent: true,
        headers: { 'x-beacon-event-count': EVENTS_PER_MESSAGE },
      });
    }
    await channel.waitForConfirms();
  } finally {
    await channel.close();
  }
}

/** Declares a quorum queue, as the apps' queues are. */
export async function declareQuorumQueue(connection: ChannelModel, queue: string): Promise<void> {
  const channel = await connection.createChannel();
  await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.close();
}

/** Events/s of the broker's round trip for `bodies` (EVENTS_PER_MESSAGE events each). */
export async function bareBrokerRoundTrip(
  connection: ChannelModel,
  queue: string,
  bodies: Buffer[],
): Promise<number> {
  await declareQuorumQueue(connection, queue);
  const channel = await connection.createChannel();
  await channel.prefetch(20);
  const started = performance.now();
  let consumed = 0;
  const done = new Promise<void>((resolve) => {
    void channel.consume(queue, (message) => {
      if (!message) return;
      channel.ack(message);
      if (++consumed === bodies.length) resolve();
    });
  });
  await publishBodies(connection, queue, bodies);
  await done;
  const seconds = (performance.now() - started) / 1000;
  await channel.deleteQueue(queue);
  await channel.close();
  return (bodies.length * EVENTS_PER_MESSAGE) / seconds;
}
