/**
 * `npm run dlq -- list|replay|purge --queue <consumer>`: inspects, replays or drops the dead
 * letters of one consumer, on the broker of AMQP_URL (its first node that answers) under
 * AMQP_PREFIX. Replay after fixing what killed the messages: they go back to the consumer's
 * queue and are processed once.
 */
import { loadRabbitConfig } from '@beacon/config';
import { connectToFirst, RABBIT_CONSUMERS, RabbitTopology } from '@beacon/messaging';
import { parseArgs } from 'node:util';
import { DeadLetterQueue, type DeadLetter } from './dead-letter-queue';

const CONSUMERS = Object.keys(RABBIT_CONSUMERS);
const DEFAULT_LIST_LIMIT = 20;
const MAX_LIMIT = 100_000;

const USAGE = `usage: npm run dlq -- <command> --queue <consumer> [--limit N] [--yes]

  list     show up to --limit (default ${DEFAULT_LIST_LIMIT}) dead messages and why they died; they stay
  replay   send the dead messages (all, or the first --limit) back to the consumer's queue
  purge    drop every dead message of the queue (asks for --yes)

Consumers: ${CONSUMERS.join(', ')}. The broker comes from AMQP_URL and AMQP_PREFIX.
`;

type Command = 'list' | 'replay' | 'purge';

interface Invocation {
  command: Command;
  consumer: string;
  limit: number | undefined;
  confirmed: boolean;
}

class UsageError extends Error {}

async function main(): Promise<void> {
  const invocation = parseInvocation();
  const rabbit = loadRabbitConfig();
  const connection = await connectToFirst(rabbit.urls);
  // A refused operation closes the channel: it surfaces as the rejected call, not as an event.
  connection.on('error', () => {});
  try {
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => {});
    const topology = RabbitTopology.of(rabbit);
    const queue = new DeadLetterQueue(channel, topology, invocation.consumer);
    process.stdout.write(await run(queue, invocation));
  } finally {
    await connection.close();
  }
}

async function run(queue: DeadLetterQueue, { command, limit, confirmed }: Invocation) {
  if (command === 'replay') {
    const replayed = await queue.replay(limit ?? MAX_LIMIT);
    return `replayed ${replayed} messages from ${queue.name}; ${await queue.count()} left\n`;
  }
  if (command === 'purge') {
    if (!confirmed) throw new UsageError('purge drops messages for good: add --yes');
    return `purged ${await queue.purge()} messages from ${queue.name}\n`;
  }
  const total = await queue.count();
  const shown = await queue.list(limit ?? DEFAULT_LIST_LIMIT);
  return `${queue.name}: ${total} dead messages${total > shown.length ? `, the first ${shown.length}` : ''}\n${shown.map(describeLine).join('')}`;
}

function describeLine(letter: DeadLetter, index: number): string {
  return [
    `#${index + 1} reason: ${letter.reason}`,
    `   type: ${letter.type ?? '-'}, message id: ${letter.messageId ?? '-'}`,
    `   body: ${letter.preview}`,
  ]
    .map((line) => `${line}\n`)
    .join('');
}

function parseInvocation(): Invocation {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        queue: { type: 'string' },
        limit: { type: 'string' },
        yes: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const [command, ...rest] = positionals;
  if (!isCommand(command) || rest.length > 0) {
    throw new UsageError('expected one command: list, replay or purge');
  }
  if (!values.queue || !CONSUMERS.includes(values.queue)) {
    throw new UsageError(`--queue must name a consumer: ${CONSUMERS.join(', ')}`);
  }
  return {
    command,
    consumer: values.queue,
    limit: values.limit === undefined ? undefined : parseLimit(values.limit),
    confirmed: values.yes ?? false,
  };
}

function isCommand(value: string | undefined): value is Command {
  return value === 'list' || value === 'replay' || value === 'purge';
}

function parseLimit(raw: string): number {
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  return limit;
}

main().catch((error: Error) => {
  process.stderr.write(`dlq: ${error.message}\n`);
  if (error instanceof UsageError) process.stderr.write(`\n${USAGE}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
