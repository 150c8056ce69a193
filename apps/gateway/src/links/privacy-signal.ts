/**
 * Whether a visitor asked not to be tracked: the Global Privacy Control (`Sec-GPC: 1`) or Do
 * Not Track (`DNT: 1`). Such a visit is counted, as a human's or a bot's, and nothing else of it
 * leaves the gateway (visit-recorder.service.ts). PRIVACY_HONOUR_GPC=false turns this off.
 */
import type { IncomingHttpHeaders } from 'node:http';

export function asksNotToBeTracked(headers: IncomingHttpHeaders): boolean {
  return headers['sec-gpc'] === '1' || headers.dnt === '1';
}
