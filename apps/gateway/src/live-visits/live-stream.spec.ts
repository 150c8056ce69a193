import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveStream } from './live-stream';

const read = (stream: LiveStream) => String(stream.body.read() ?? '');

describe('LiveStream', () => {
  afterEach(() => vi.useRealTimers());

  it('sends a heartbeat comment every interval while open', () => {
    vi.useFakeTimers();
    const stream = new LiveStream(1_000, () => undefined);
    vi.advanceTimersByTime(2_500);
    expect(read(stream)).toBe(': heartbeat\n\n: heartbeat\n\n');
    stream.body.destroy();
  });

  it('releases once when the client goes away, and stops its heartbeat', async () => {
    vi.useFakeTimers();
    const onClose = vi.fn();
    const stream = new LiveStream(1_000, onClose);
    stream.body.destroy();
    await vi.runAllTimersAsync();
    stream.write('late');
    stream.close();
    expect(onClose).toHaveBeenCalledOnce();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends after what was written when the server closes it', async () => {
    const onClose = vi.fn();
    const stream = new LiveStream(60_000, onClose);
    stream.write('id: 1\n\n');
    stream.close();
    const body: string[] = [];
    for await (const chunk of stream.body) body.push(String(chunk));
    expect(body.join('')).toBe('id: 1\n\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
