/**
 * Where a visit came from: a short URL with `?qr=1` is what the link's QR code encodes
 * (qr-codes/), so a visit carrying the flag is counted as a scan. The redirect's target never
 * sees the flag: the target is the link's own URL, whatever the short URL's query held.
 */
export type VisitSource = 'qr' | 'direct';

/** The short URL a link's QR code encodes. */
export function qrScanUrl(shortUrl: string): string {
  return `${shortUrl}?qr=1`;
}

/**
 * The source of a visit from the query Fastify already parsed: one property read on the hot
 * path. Only exactly `qr=1` counts; a repeated `qr` (parsed as an array) or any other value is
 * a direct visit.
 */
export function visitSourceOf(query: unknown): VisitSource {
  return (query as { qr?: unknown } | undefined)?.qr === '1' ? 'qr' : 'direct';
}
