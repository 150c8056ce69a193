/**
 * Scrapes and probes: they run every few seconds and say nothing about users, so they are not
 * traced, log at debug, and are never rate limited.
 */
const INFRASTRUCTURE_PATHS = new Set(['/metrics', '/health/live', '/health/ready']);

export function isInfrastructurePath(url: string | undefined): boolean {
  return url !== undefined && INFRASTRUCTURE_PATHS.has(pathOf(url));
}

/** A request URL without its query string. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
