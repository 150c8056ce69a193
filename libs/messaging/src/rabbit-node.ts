/**
 * How logs, metrics and errors name a RabbitMQ node: `host:port` of its URL, never the URL
 * itself, which holds credentials.
 */
export function rabbitNodeOf(url: string): string {
  const { protocol, hostname, port } = new URL(url);
  return `${hostname}:${port || (protocol === 'amqps:' ? 5671 : 5672)}`;
}
