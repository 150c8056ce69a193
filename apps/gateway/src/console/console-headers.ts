/**
 * The console's response headers. Its own CSP, stricter than the default every page gets:
 * scripts and styles only from files of this origin (no inline script or style), API calls
 * only to this origin, no framing. index.html is revalidated on every load so a new build is
 * seen at once; the assets' names carry their content hash, so they are cached for a year.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const INDEX_CACHE_CONTROL = 'no-cache';
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
