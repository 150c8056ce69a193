/**
 * The request id of the work in progress, carried through async calls: every log line picks it
 * up, and published events carry it in a header so the worker's lines share it. The gateway
 * sets it per HTTP request, the worker per consumed event.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
