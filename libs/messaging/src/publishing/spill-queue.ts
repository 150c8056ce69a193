/**
 * The spilled messages waiting for a store, in order, counted in events: a store takes as many
 * whole messages as fit in one statement, and a failed store puts its messages back in front.
 */
import type { EventMessage } from './event-message';

export class SpillQueue {
  private messages: EventMessage[] = [];
  private waitingEvents = 0;

  get events(): number {
    return this.waitingEvents;
  }

  push(message: EventMessage): void {
    this.messages.push(message);
    this.waitingEvents += message.envelopes.length;
  }

  /** The first messages holding at most `maxEvents` events; at least one message. */
  take(maxEvents: number): EventMessage[] {
    let count = 0;
    let events = 0;
    for (const message of this.messages) {
      if (count > 0 && events + message.envelopes.length > maxEvents) break;
      events += message.envelopes.length;
      count++;
    }
    this.waitingEvents -= events;
    return this.messages.splice(0, count);
  }

  putBack(messages: readonly EventMessage[]): void {
    this.messages = [...messages, ...this.messages];
    for (const message of messages) this.waitingEvents += message.envelopes.length;
  }
}
