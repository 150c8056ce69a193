/**
 * One signed POST to a receiver, connected to an address checked just before (never to what a
 * second DNS lookup would answer: a rebinding name cannot move the request onto an internal
 * address between the check and the connection). No redirect is followed (a 3xx is a failure:
 * it could point inside), nothing of the answer is kept but its status, and WEBHOOK_TIMEOUT_MS
 * bounds the whole exchange. node:http rather than fetch: fetch takes a custom lookup only
 * through an undici Agent, and undici is not among Beacon's dependencies.
 */
import { WEBHOOK_DELIVERY_DURATION, Timed } from '@beacon/observability';
import type { ResolvedAddress } from '@beacon/webhooks';
import { Injectable } from '@nestjs/common';
import type { LookupFunction } from 'node:net';
import { request as httpRequest, type ClientRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface SignedPost {
  url: URL;
  address: ResolvedAddress;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

@Injectable()
export class WebhookHttpSender {
  /** The receiver's HTTP status; rejects when no answer came (refused, reset, timed out). */
  @Timed(WEBHOOK_DELIVERY_DURATION)
  post({ url, address, body, headers, timeoutMs }: SignedPost): Promise<number> {
    const options: RequestOptions = {
      method: 'POST',
      hostname: url.hostname,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: pinnedLookup(address),
      // A fresh connection per delivery: a pooled socket could belong to an earlier address.
      agent: false,
    };
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<number>((resolve, reject) => {
      const outgoing: ClientRequest = request(options, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      });
      const timer = setTimeout(
        () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      outgoing.on('close', () => clearTimeout(timer));
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}

/** A lookup that answers the checked address, whatever the name (and however it is asked). */
function pinnedLookup(address: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [address]);
    else callback(null, address.address, address.family);
  };
}
