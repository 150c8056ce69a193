/**
 * `npm run start:gateway -- --help`: the usage, answered before anything starts (instrumentation.ts
 * skips tracing and main.ts the app), so that it needs no environment and does nothing.
 */
export const USAGE = `usage: npm run start:gateway

Starts the gateway: the HTTP API (links, identity, catalog, analytics), /metrics and
/health/*, on PORT (default 3333). Configured by the environment, and by .env when there is
one (see .env.example); a bad or missing value stops it with one line naming the variable.
`;

export function helpAsked(): boolean {
  return process.argv.slice(2).some((argument) => argument === '--help' || argument === '-h');
}
