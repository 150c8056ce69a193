/**
 * Classifies a link.visited event: browser, OS and device from the user agent (ua-parser-js),
 * bots flagged (isbot) and kept, referrer reduced to its host.
 */
import type { EventData, EventEnvelope, linkVisited } from '@beacon/messaging';
import { isbot } from 'isbot';
import { UAParser } from 'ua-parser-js';
import type { VisitRecord } from './visit-record';

export type LinkVisitedEvent = EventEnvelope<EventData<typeof linkVisited>>;

const UNKNOWN = 'unknown';

export function classifyVisit(event: LinkVisitedEvent): VisitRecord {
  const { data } = event;
  const visitedAt = new Date(data.visitedAt);
  const agent = new UAParser(data.userAgent ?? '').getResult();
  const isBot = !data.userAgent || isbot(data.userAgent);
  return {
    eventId: event.id,
    linkId: data.linkId,
    visitedAt,
    visitedDay: visitedAt.toISOString().slice(0, 10),
    referrerHost: referrerHost(data.referrer),
    browser: label(agent.browser.name, 64),
    os: label(agent.os.name, 64),
    device: deviceOf(agent, isBot),
    isBot,
    visitorHash: data.ipHash,
  };
}

function referrerHost(referrer: string | null): string | null {
  if (!referrer) return null;
  try {
    const host = new URL(referrer).hostname.toLowerCase();
    return host ? host.slice(0, 255) : null;
  } catch {
    return null;
  }
}

/** ua-parser-js leaves the device type empty for desktops. */
function deviceOf(agent: UAParser.IResult, isBot: boolean): string {
  if (agent.device.type) return label(agent.device.type, 32);
  if (isBot || !agent.os.name) return UNKNOWN;
  return 'desktop';
}

function label(value: string | undefined, maxLength: number): string {
  return value ? value.slice(0, maxLength) : UNKNOWN;
}
