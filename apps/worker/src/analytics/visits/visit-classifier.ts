/**
 * Classifies a link.visited event: browser, OS and device from the user agent (ua-parser-js),
 * bots flagged (isbot) and kept, referrer reduced to its host, source kept (`direct` when an
 * older event has none). Parsing a user agent costs more
 * than all the rest of a visit, and the same few agents make most of the traffic, so the
 * classification of the last AGENT_CACHE_SIZE distinct agents is kept.
 */
import type { EventData, EventEnvelope, linkVisited } from '@beacon/messaging';
import { isbot } from 'isbot';
import { UAParser } from 'ua-parser-js';
import type { VisitRecord } from './visit-record';

export type LinkVisitedEvent = EventEnvelope<EventData<typeof linkVisited>>;

const UNKNOWN = 'unknown';
const AGENT_CACHE_SIZE = 1_000;

type AgentClass = Pick<VisitRecord, 'browser' | 'os' | 'device' | 'isBot'>;

/** Insertion-ordered: the oldest entry goes first when it is full. */
const agentClasses = new Map<string, AgentClass>();

export function classifyVisit(event: LinkVisitedEvent): VisitRecord {
  const { data } = event;
  const visitedAt = new Date(data.visitedAt);
  return {
    eventId: event.id,
    linkId: data.linkId,
    slug: data.slug,
    visitedAt,
    visitedDay: visitedAt.toISOString().slice(0, 10),
    referrerHost: referrerHost(data.referrer),
    ...classOfAgent(data.userAgent),
    source: data.source ?? 'direct',
    visitorHash: data.ipHash,
  };
}

function classOfAgent(userAgent: string | null): AgentClass {
  const key = userAgent ?? '';
  const cached = agentClasses.get(key);
  if (cached) return cached;
  const agent = new UAParser(key).getResult();
  const isBot = !userAgent || isbot(userAgent);
  const computed = {
    browser: label(agent.browser.name, 64),
    os: label(agent.os.name, 64),
    device: deviceOf(agent, isBot),
    isBot,
  };
  if (agentClasses.size >= AGENT_CACHE_SIZE) {
    agentClasses.delete(agentClasses.keys().next().value as string);
  }
  agentClasses.set(key, computed);
  return computed;
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
