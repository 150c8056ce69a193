/**
 * Tiny fetch helpers for the e2e suites: JSON in, status + parsed JSON out, no redirects
 * followed. Every response is held to the API document (documented-responses.ts): a response
 * its operation does not document fails the test.
 */
import { expectDocumentedResponse } from './documented-responses';

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function request<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read loosely typed JSON
  url: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<JsonResponse<T>> {
  const { json, ...rest } = init;
  const response = await fetch(url, {
    redirect: 'manual',
    ...rest,
    ...(json === undefined
      ? {}
      : {
          body: JSON.stringify(json),
          headers: { 'content-type': 'application/json', ...rest.headers },
        }),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  const body = text && contentType?.includes('json') ? JSON.parse(text) : text || undefined;
  const method = rest.method ?? 'GET';
  await expectDocumentedResponse({ method, url, status: response.status, contentType, body });
  return { status: response.status, headers: response.headers, body };
}
