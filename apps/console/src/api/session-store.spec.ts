import { describe, expect, it } from 'vitest';
import { SessionStore } from './session-store';

function tabStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('the session store', () => {
  it('takes the refresh token a page left and keeps it in memory only', () => {
    const storage = tabStorage({ 'beacon.refreshToken': 'r1' });
    const session = new SessionStore(storage);
    expect(session.refresh).toBe('r1');
    expect(storage.items.size).toBe(0);
  });

  it('keeps new tokens in memory, and leaves the refresh token only as the page goes', () => {
    const storage = tabStorage();
    const session = new SessionStore(storage);
    session.save({ accessToken: 'a', refreshToken: 'r2' });
    expect(storage.items.size).toBe(0);
    session.handOver();
    expect(new SessionStore(storage).refresh).toBe('r2');
  });

  it('takes it back when the page returns from the back-forward cache', () => {
    const storage = tabStorage();
    const session = new SessionStore(storage);
    session.save({ accessToken: 'a', refreshToken: 'r3' });
    session.handOver();
    session.takeBack();
    expect(storage.items.size).toBe(0);
    expect(session.refresh).toBe('r3');
  });

  it('leaves nothing after signing out', () => {
    const storage = tabStorage();
    const session = new SessionStore(storage);
    session.save({ accessToken: 'a', refreshToken: 'r4' });
    session.clear();
    session.handOver();
    expect(storage.items.size).toBe(0);
    expect(session.access).toBeUndefined();
  });
});
