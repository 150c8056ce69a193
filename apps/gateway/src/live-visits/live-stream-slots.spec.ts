import { describe, expect, it } from 'vitest';
import { LiveStreamSlots } from './live-stream-slots';
import { TooManyLiveStreamsError } from './live-visit.errors';

describe('LiveStreamSlots', () => {
  it('refuses a slot past the limit per user, and frees it once released', () => {
    const slots = new LiveStreamSlots(2);
    const first = slots.take('u1');
    slots.take('u1');
    expect(() => slots.take('u1')).toThrow(TooManyLiveStreamsError);
    slots.take('u2');
    first();
    first();
    slots.take('u1');
    expect(() => slots.take('u1')).toThrow(TooManyLiveStreamsError);
  });
});
