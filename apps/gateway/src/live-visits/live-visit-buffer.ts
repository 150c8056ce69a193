/**
 * The recent visits of each link, for streams that resume (Last-Event-ID): kept for `replayMs`
 * after they arrived, at most `perLink` per link (the newest), and for at most MAX_LINKS links
 * (the least recently visited goes first), so a flood of visits costs bounded memory. Every
 * replica keeps the same visits (each sees every event), so a stream may resume on any of them.
 */

/** Links with recent visits kept at most: about MAX_LINKS × perLink × 0.5 KB of memory. */
export const MAX_LINKS = 2_000;

export interface BufferedVisit<V> {
  /** The SSE event id: the visit's id, the same on every replica. */
  id: string;
  visit: V;
  /** When this replica received it (epoch ms): what the replay window counts from. */
  receivedAt: number;
}

export class LiveVisitBuffer<V> {
  /** By link id; Map order is the order links were last visited in. */
  private readonly links = new Map<string, BufferedVisit<V>[]>();

  constructor(
    private readonly replayMs: number,
    private readonly perLink: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Keeps the visit; returns it as kept, or nothing for an id already kept (a publisher's resend
   * of a message the broker had taken).
   */
  add(linkId: string, id: string, visit: V): BufferedVisit<V> | undefined {
    const visits = this.links.get(linkId) ?? [];
    if (visits.some((kept) => kept.id === id)) return undefined;
    this.links.delete(linkId);
    this.links.set(linkId, visits);
    const added = { id, visit, receivedAt: this.now() };
    visits.push(added);
    this.expire(visits);
    if (visits.length > this.perLink) visits.splice(0, visits.length - this.perLink);
    if (this.links.size > MAX_LINKS) this.links.delete(this.links.keys().next().value as string);
    return added;
  }

  /**
   * The link's visits after the one with `lastId`, oldest first. An id no longer (or never)
   * kept gives all that is kept: a client that missed more than the window gets what there is,
   * and drops what it already has by id.
   */
  after(linkId: string, lastId: string): BufferedVisit<V>[] {
    const visits = this.links.get(linkId);
    if (!visits) return [];
    this.expire(visits);
    const last = visits.findIndex((visit) => visit.id === lastId);
    return visits.slice(last + 1);
  }

  /** Drops what is past the window, and the links left with nothing. */
  prune(): void {
    for (const [linkId, visits] of this.links) {
      this.expire(visits);
      if (visits.length === 0) this.links.delete(linkId);
    }
  }

  /** Links with visits kept (for tests and gauges). */
  get linkCount(): number {
    return this.links.size;
  }

  private expire(visits: BufferedVisit<V>[]): void {
    const oldest = this.now() - this.replayMs;
    const kept = visits.findIndex((visit) => visit.receivedAt > oldest);
    visits.splice(0, kept === -1 ? visits.length : kept);
  }
}
