import { describe, expect, it } from 'vitest';
import { LiveVisitBuffer, MAX_LINKS } from './live-visit-buffer';

function bufferAt(replayMs = 1_000, perLink = 3) {
  const clock = { now: 0 };
  const buffer = new LiveVisitBuffer<string>(replayMs, perLink, () => clock.now);
  return { buffer, clock };
}

const ids = (visits: { id: string }[]) => visits.map((visit) => visit.id);

describe('LiveVisitBuffer', () => {
  it('replays what came after the last event id a client saw, oldest first', () => {
    const { buffer } = bufferAt();
    for (const id of ['a', 'b', 'c']) buffer.add('1', id, `visit ${id}`);
    expect(buffer.after('1', 'a')).toEqual([
      { id: 'b', visit: 'visit b', receivedAt: 0 },
      { id: 'c', visit: 'visit c', receivedAt: 0 },
    ]);
    expect(buffer.after('1', 'c')).toEqual([]);
  });

  it('keeps a visit once when its event arrives twice', () => {
    const { buffer } = bufferAt();
    expect(buffer.add('1', 'a', 'x')).toEqual({ id: 'a', visit: 'x', receivedAt: 0 });
    expect(buffer.add('1', 'a', 'x')).toBeUndefined();
    expect(ids(buffer.after('1', 'none'))).toEqual(['a']);
  });

  it('keeps each link apart', () => {
    const { buffer } = bufferAt();
    buffer.add('1', 'a', 'x');
    buffer.add('2', 'b', 'y');
    expect(ids(buffer.after('2', 'none'))).toEqual(['b']);
    expect(buffer.after('3', 'none')).toEqual([]);
  });

  it('replays all it kept for an id it does not know (aged out, or from before)', () => {
    const { buffer } = bufferAt();
    buffer.add('1', 'b', 'x');
    buffer.add('1', 'c', 'y');
    expect(ids(buffer.after('1', 'a'))).toEqual(['b', 'c']);
  });

  it('forgets visits older than the replay window', () => {
    const { buffer, clock } = bufferAt(1_000);
    buffer.add('1', 'a', 'x');
    clock.now = 600;
    buffer.add('1', 'b', 'y');
    clock.now = 1_000;
    expect(ids(buffer.after('1', 'none'))).toEqual(['b']);
    clock.now = 1_600;
    buffer.prune();
    expect(buffer.linkCount).toBe(0);
  });

  it('keeps only the newest visits of a link past its cap', () => {
    const { buffer } = bufferAt(1_000, 3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) buffer.add('1', id, id);
    expect(ids(buffer.after('1', 'none'))).toEqual(['c', 'd', 'e']);
  });

  it('drops the least recently visited link past MAX_LINKS', () => {
    const { buffer } = bufferAt();
    for (let link = 0; link < MAX_LINKS; link++) buffer.add(String(link), `v${link}`, 'x');
    buffer.add('0', 'again', 'x');
    buffer.add('new', 'n', 'x');
    expect(buffer.linkCount).toBe(MAX_LINKS);
    expect(buffer.after('1', 'none')).toEqual([]);
    expect(ids(buffer.after('0', 'none'))).toEqual(['v0', 'again']);
  });
});
