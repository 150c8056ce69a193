import { runWithRequestId } from '@beacon/observability';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { linkCreated } from '../events/link-created.event';
import { linkDeleted } from '../events/link-deleted.event';
import { EnvelopePacker } from './envelope-packer';
import { EventBatcher, LINGER_MS } from './event-batcher';
import { MAX_EVENTS_PER_MESSAGE, type EventMessage } from './event-message';

describe('EventBatcher', () => {
  let sent: EventMessage[];
  let batcher: EventBatcher;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    batcher = new EventBatcher(new EnvelopePacker(), (message) => sent.push(message));
  });
  afterEach(() => vi.useRealTimers());

  const addDeleted = (count: number) => {
    for (let i = 0; i < count; i++) batcher.add(linkDeleted, { linkId: '1', slug: 'abc' }, 0);
  };

  it('sends a lone event once the linger is over', () => {
    addDeleted(1);
    expect(sent).toHaveLength(0);
    expect(batcher.waiting).toBe(1);
    vi.advanceTimersByTime(LINGER_MS);
    expect(sent.map((message) => message.envelopes.length)).toEqual([1]);
    expect(batcher.waiting).toBe(0);
  });

  it('packs events of one type into messages of at most MAX_EVENTS_PER_MESSAGE', () => {
    addDeleted(MAX_EVENTS_PER_MESSAGE * 2 + 5);
    expect(sent.map((message) => message.envelopes.length)).toEqual([
      MAX_EVENTS_PER_MESSAGE,
      MAX_EVENTS_PER_MESSAGE,
    ]);
    batcher.flushAll();
    expect(sent.map((message) => message.envelopes.length)).toEqual([
      MAX_EVENTS_PER_MESSAGE,
      MAX_EVENTS_PER_MESSAGE,
      5,
    ]);
  });

  it('keeps routing keys apart, each message continuing the request of its first event', () => {
    runWithRequestId('request-1', () => addDeleted(1));
    runWithRequestId('request-2', () => {
      addDeleted(1);
      batcher.add(
        linkCreated,
        { linkId: '2', slug: 'new', targetUrl: 'https://a.example/', ownerId: '1' },
        0,
      );
    });
    batcher.flushAll();
    expect(
      sent.map(({ type, envelopes, requestId }) => [type, envelopes.length, requestId]),
    ).toEqual([
      ['link.deleted', 2, 'request-1'],
      ['link.created', 1, 'request-2'],
    ]);
  });

  it('sends a turn of waited events together at the end of the turn, not after the linger', async () => {
    const waiting = [vi.fn(), vi.fn()];
    for (const onDurable of waiting) {
      batcher.add(linkDeleted, { linkId: '1', slug: 'abc' }, 0, { onDurable });
    }
    addDeleted(1);
    expect(sent).toHaveLength(0);
    await vi.advanceTimersToNextTimerAsync(); // the setImmediate, before any linger
    expect(sent.map((message) => message.envelopes.length)).toEqual([3]);
    sent[0].waiters?.release();
    expect(waiting.map((onDurable) => onDurable.mock.calls.length)).toEqual([1, 1]);
  });

  it('releases the waiters of a batch whose every event breaks its contract', () => {
    const onDurable = vi.fn();
    batcher.add(linkDeleted, { linkId: 'bad', slug: 'x' }, 0, { onDurable });
    batcher.flushAll();
    expect(sent).toHaveLength(0);
    expect(onDurable).toHaveBeenCalledOnce();
  });

  it('sends nothing for a batch whose every event breaks its contract', () => {
    batcher.add(linkDeleted, { linkId: 'bad', slug: 'x' }, 0);
    batcher.flushAll();
    expect(sent).toHaveLength(0);
    expect(batcher.waiting).toBe(0);
  });
});
