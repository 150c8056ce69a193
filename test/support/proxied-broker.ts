/** The suites' RabbitMQ, and the same broker behind a TcpProxy the test can cut or slow down. */
import { TcpProxy } from './tcp-proxy';

export const brokerUrl = () => process.env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672';

export async function proxiedBroker(): Promise<{ proxy: TcpProxy; url: string }> {
  const broker = new URL(brokerUrl());
  const proxy = await TcpProxy.start(broker.hostname, Number(broker.port || 5672));
  broker.hostname = '127.0.0.1';
  broker.port = String(proxy.port);
  return { proxy, url: broker.toString() };
}
