import { EVENTS_PUBLISHED } from '@beacon/observability';
import { register } from 'prom-client';
import { beforeEach, describe, expect, it } from 'vitest';
import { linkDeleted } from '../events/link-deleted.event';
import { EnvelopePacker } from './envelope-packer';

const invalidCount = async () =>
  (await register.getSingleMetric(EVENTS_PUBLISHED.name)?.get())?.values.find(
    (value) => value.labels.result === 'invalid',
  )?.value ?? 0;

describe('EnvelopePacker', () => {
  const packer = new EnvelopePacker();
  beforeEach(async () => {
    await invalidCount(); // applies recordings deferred by other tests
    register.getSingleMetric(EVENTS_PUBLISHED.name)?.reset();
  });

  it('wraps valid data in envelopes with ids, version and the time it happened', () => {
    const [envelope] = packer.pack('link.deleted', [
      { contract: linkDeleted, data: { linkId: '1', slug: 'abc' }, occurredAtMs: 0 },
    ]);
    expect(envelope).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'link.deleted',
      version: 1,
      occurredAt: '1970-01-01T00:00:00.000Z',
      data: { linkId: '1', slug: 'abc' },
    });
  });

  it('leaves out data that breaks its contract, and counts it as invalid', async () => {
    const envelopes = packer.pack('link.deleted', [
      { contract: linkDeleted, data: { linkId: 'not-a-number', slug: 'x' }, occurredAtMs: 0 },
      { contract: linkDeleted, data: { linkId: '2', slug: 'ok' }, occurredAtMs: 0 },
    ]);
    expect(envelopes.map((envelope) => envelope.data)).toEqual([{ linkId: '2', slug: 'ok' }]);
    expect(await invalidCount()).toBe(1);
  });
});
