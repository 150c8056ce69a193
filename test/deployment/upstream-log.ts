/**
 * Which gateway answered each request, from nginx's access log in UPSTREAM_LOG_FORMAT. When nginx
 * retried a request, `$upstream_addr` lists every gateway it tried; the last one answered.
 */
export const UPSTREAM_LOG_FORMAT = '$http_referer $status $msec $upstream_addr';

export interface UpstreamLogLine {
  referrerHost: string;
  status: number;
  /** When nginx finished the answer, epoch ms. */
  atMs: number;
  /** Every gateway tried, in order (`host:port`). */
  tried: string[];
  answeredBy: string;
}

export function parseUpstreamLog(lines: string[]): UpstreamLogLine[] {
  return lines.flatMap((line) => {
    const [referrer, status, msec, ...upstream] = line.split(' ');
    if (!referrer.startsWith('https://')) return [];
    const tried = upstream.join(' ').split(/,\s*/);
    return [
      {
        referrerHost: new URL(referrer).hostname,
        status: Number(status),
        atMs: Math.round(Number(msec) * 1000),
        tried,
        answeredBy: tried.at(-1)!,
      },
    ];
  });
}
