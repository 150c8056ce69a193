/** POSTs a JSON body with node:http(s) through the given agent and reads the whole answer. */
import { request as httpRequest, type Agent } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { text } from 'node:stream/consumers';

export interface PostOptions {
  agent: Agent;
  headers: Record<string, string>;
  /** Aborts the call, waiting for a socket included. */
  signal: AbortSignal;
}

export interface HttpAnswer {
  status: number;
  body: string;
}

export function postJson(url: URL, json: unknown, options: PostOptions): Promise<HttpAnswer> {
  const payload = JSON.stringify(json);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        agent: options.agent,
        signal: options.signal,
        headers: {
          ...options.headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      // An abort while the body arrives fails the stream, and so text().
      (response) =>
        text(response).then((body) => resolve({ status: response.statusCode ?? 0, body }), reject),
    );
    request.on('error', reject);
    request.end(payload);
  });
}
