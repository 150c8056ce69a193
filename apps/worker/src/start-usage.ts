/**
 * `npm run start:worker -- --help`: the usage, answered before anything starts (instrumentation.ts
 * skips tracing and main.ts the app), so that it needs no environment and does nothing.
 */
export const USAGE = `usage: npm run start:worker

Starts the worker: the RabbitMQ consumers (analytics, enrichment), with /metrics and
/health/*, on PORT (default 3334). Configured by the environment, and by .env when there is
one (see .env.example); a bad or missing value stops it with one line naming the variable.
`;

export function helpAsked(): boolean {
  return process.argv.slice(2).some((argument) => argument === '--help' || argument === '-h');
}
