/**
 * Open live streams per account (LIVE_STREAMS_PER_USER): each stream holds a slot from its
 * opening until it closes, for whatever reason; past the limit, opening throws (429). Counted
 * per replica: behind N replicas an account may hold up to N times the limit.
 */
import { TooManyLiveStreamsError } from './live-visit.errors';

export class LiveStreamSlots {
  private readonly held = new Map<string, number>();

  constructor(private readonly perUser: number) {}

  /** Takes a slot for the user; returns its release, which frees it once however often called. */
  take(userId: string): () => void {
    const held = this.held.get(userId) ?? 0;
    if (held >= this.perUser) throw new TooManyLiveStreamsError(this.perUser);
    this.held.set(userId, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(userId) ?? 1) - 1;
      if (left > 0) this.held.set(userId, left);
      else this.held.delete(userId);
    };
  }
}
