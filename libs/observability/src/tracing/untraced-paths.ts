/** Scrapes and probes run every few seconds and say nothing about users: they are not traced. */
const UNTRACED_PATHS = new Set(['/metrics', '/health/live', '/health/ready']);

export function isUntracedPath(url: string | undefined): boolean {
  if (!url) return false;
  const query = url.indexOf('?');
  return UNTRACED_PATHS.has(query === -1 ? url : url.slice(0, query));
}
