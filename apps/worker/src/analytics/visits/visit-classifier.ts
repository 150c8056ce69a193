/**
 * Classifies a link.visited event: browser, OS and device from the user agent (ua-parser-js),
 * bots flagged (isbot) and kept, referrer reduced to its host, source kept (`direct` when an
 * older event has none), the client address turned into its country and dropped. A withheld
 * visit (GPC or DNT) keeps only its bot flag, which the gateway set. Parsing a user agent costs more
 * than all the rest of a visit, and the same few agents make most of the traffic, so the
 * classification of the last AGENT_CACHE_SIZE distinct agents is kept.
 */
import type { EventData, EventEnvelope, linkVisited } from '@beacon/messaging';
import { isbot } from 'isbot';
import { UAParser } from 'ua-parser-js';
import type { CountryResolver } from '../countries/country-resolver.service';
import type { VisitRecord } from './visit-record';

export type LinkVisitedEvent = EventEnvelope<EventData<typeof linkVisited>>;

const UNKNOWN = 'unknown';
const AGENT_CACHE_SIZE = 1_000;

interface AgentClass {
  browser: string;
  os: string;
  device: string;
  isBot: boolean;
}

const WITHHELD = {
  withheld: true,
  referrerHost: null,
  browser: null,
  os: null,
  device: null,
  source: null,
  country: null,
  visitorHash: null,
} as const;

/** Insertion-ordered: the oldest entry goes first when it is full. */
const agentClasses = new Map<string, AgentClass>();

export function classifyVisit(event: LinkVisitedEvent, countries: CountryResolver): VisitRecord {
  const { data } = event;
  const visitedAt = new Date(data.visitedAt);
  const when = {
    eventId: event.id,
    linkId: data.linkId,
    slug: data.slug,
    visitedAt,
    visitedDay: visitedAt.toISOString().slice(0, 10),
  };
  if (data.withheld) return { ...when, ...WITHHELD, isBot: data.bot ?? false };
  return {
    ...when,
    withheld: false,
    referrerHost: referrerHost(data.referrer),
    ...classOfAgent(data.userAgent),
    source: data.source ?? 'direct',
    country: countries.countryOf(data.clientIp),
    // The contract requires it of every visit not withheld.
    visitorHash: data.ipHash ?? null,
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
