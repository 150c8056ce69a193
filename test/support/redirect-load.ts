/**
 * Many redirects with a fixed number in flight, over kept-alive connections, each with a Referer
 * of its own (`https://v<n>.load.test/`), so that the stored visits (their `referrer_host`) and
 * the proxy's log tell every request apart. An error (reset, refused) is an outcome, not a throw.
 */
import { Agent, get } from 'node:http';

export interface RedirectOutcome {
  /** The request's number, also in its referrer's host. */
  n: number;
  /** The HTTP status, or the socket error's code. */
  result: number | string;
  location: string | undefined;
  /** When the answer (or the error) arrived, epoch ms. */
  atMs: number;
}

export interface RedirectLoad {
  url: string;
  count: number;
  concurrency: number;
  /** Called after each answer with how many have arrived so far. */
  onAnswer?: (answered: number) => void;
}

export const referrerHostOf = (n: number): string => `v${n}.load.test`;

export async function runRedirects({
  url,
  count,
  concurrency,
  onAnswer,
}: RedirectLoad): Promise<RedirectOutcome[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const outcomes: RedirectOutcome[] = [];
  let next = 0;
  const client = async (): Promise<void> => {
    while (next < count) {
      const n = next++;
      outcomes.push(await redirectOnce(url, n, agent));
      onAnswer?.(outcomes.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, client));
  } finally {
    agent.destroy();
  }
  return outcomes.sort((a, b) => a.n - b.n);
}

function redirectOnce(url: string, n: number, agent: Agent): Promise<RedirectOutcome> {
  return new Promise((resolve) => {
    const headers = { referer: `https://${referrerHostOf(n)}/` };
    const call = get(url, { agent, headers }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({
          n,
          result: response.statusCode ?? 0,
          location: response.headers.location,
          atMs: Date.now(),
        }),
      );
    });
    call.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ n, result: error.code ?? 'error', location: undefined, atMs: Date.now() }),
    );
  });
}
