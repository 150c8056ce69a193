/** Scrapes and probes run every few seconds and say nothing about users: they are not traced. */
const UNTRACED_PATHS = new Set(['/metrics', '/health/live', '/health/ready']);

export function isUntracedPath(url: string | undefined): boolean {
  return url !== undefined && UNTRACED_PATHS.has(pathOf(url));
}

/** A request URL without its query string. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
