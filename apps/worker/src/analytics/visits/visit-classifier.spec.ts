import { createEnvelope, linkVisited } from '@beacon/messaging';
import { describe, expect, it } from 'vitest';
import type { BeaconConfig } from '@beacon/config';
import { CountryResolver } from '../countries/country-resolver.service';
import { classifyVisit as classifyWith } from './visit-classifier';

const countries = new CountryResolver({ visits: {} } as BeaconConfig);
const classifyVisit = (event: Parameters<typeof classifyWith>[0]) => classifyWith(event, countries);

const visit = (
  userAgent: string | null,
  referrer: string | null = null,
  source?: 'qr' | 'direct',
  extra: Partial<Parameters<typeof createEnvelope<typeof linkVisited>>[1]> = {},
) =>
  createEnvelope(linkVisited, {
    linkId: '42',
    slug: 'abc',
    visitedAt: '2026-11-25T23:59:59.999Z',
    referrer,
    userAgent,
    ipHash: 'a'.repeat(64),
    ...(source && { source }),
    ...extra,
  });

describe('classifyVisit', () => {
  it('reads browser, OS and device from a desktop user agent', () => {
    const record = classifyVisit(
      visit(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      ),
    );
    expect(record).toMatchObject({
      browser: 'Edge',
      os: 'Windows',
      device: 'desktop',
      isBot: false,
    });
  });

  it('recognises phones and tablets', () => {
    const iphone = classifyVisit(
      visit(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    );
    expect(iphone).toMatchObject({ browser: 'Mobile Safari', os: 'iOS', device: 'mobile' });
    const ipad = classifyVisit(
      visit(
        'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    );
    expect(ipad.device).toBe('tablet');
  });

  it.each([
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'curl/8.5.0',
    'python-requests/2.32.3',
    'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  ])('flags %s as a bot and keeps it', (userAgent) => {
    expect(classifyVisit(visit(userAgent)).isBot).toBe(true);
  });

  it('treats a visit without user agent as an unknown bot', () => {
    expect(classifyVisit(visit(null))).toMatchObject({
      browser: 'unknown',
      os: 'unknown',
      device: 'unknown',
      isBot: true,
    });
  });

  it('keeps only the lowercased referrer host', () => {
    expect(
      classifyVisit(visit(null, 'https://WWW.Example.com:8443/path?q=secret')).referrerHost,
    ).toBe('www.example.com');
    expect(classifyVisit(visit(null, 'not a url')).referrerHost).toBeNull();
    expect(classifyVisit(visit(null, null)).referrerHost).toBeNull();
  });

  it('keeps the source, and reads an event from before sources as a direct visit', () => {
    expect(classifyVisit(visit(null, null, 'qr')).source).toBe('qr');
    expect(classifyVisit(visit(null, null, 'direct')).source).toBe('direct');
    expect(classifyVisit(visit(null)).source).toBe('direct');
  });

  it('buckets the visit into its UTC day and keeps the idempotency key', () => {
    const event = visit(null);
    expect(classifyVisit(event)).toMatchObject({
      eventId: event.id,
      linkId: '42',
      visitedDay: '2026-11-25',
      visitorHash: 'a'.repeat(64),
    });
  });

  it('classifies a remembered agent like a new one, and keeps working past the cache size', () => {
    const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
    const first = classifyVisit(visit(firefox));
    for (let i = 0; i < 1_500; i++) classifyVisit(visit(`curl/8.${i}.0`));
    const again = classifyVisit(visit(firefox));
    expect(again).toMatchObject({ browser: 'Firefox', os: 'Linux', device: 'desktop' });
    expect({ ...again, eventId: '' }).toEqual({ ...first, eventId: '' });
    expect(classifyVisit(visit('curl/8.1499.0'))).toMatchObject({ isBot: true });
  });

  it('turns the client address into its country and keeps nothing else of it', () => {
    const record = classifyVisit(visit(null, null, 'direct', { clientIp: '193.0.6.139' }));
    expect(record.country).toBe('NL');
    expect(JSON.stringify(record)).not.toContain('193.0.6.139');
    expect(classifyVisit(visit(null, null, 'direct', { clientIp: '::ffff:8.8.8.8' })).country).toBe(
      'US',
    );
    expect(classifyVisit(visit(null, null, 'direct', { clientIp: '10.1.2.3' })).country).toBeNull();
    expect(classifyVisit(visit(null)).country).toBeNull();
  });

  it('keeps of a withheld visit its time and bot flag only', () => {
    const event = createEnvelope(linkVisited, {
      linkId: '42',
      slug: 'abc',
      visitedAt: '2026-11-25T23:59:59.999Z',
      referrer: null,
      userAgent: null,
      withheld: true,
      bot: false,
    });
    expect(classifyVisit(event)).toEqual({
      eventId: event.id,
      linkId: '42',
      slug: 'abc',
      visitedAt: new Date('2026-11-25T23:59:59.999Z'),
      visitedDay: '2026-11-25',
      withheld: true,
      isBot: false,
      referrerHost: null,
      browser: null,
      os: null,
      device: null,
      source: null,
      country: null,
      visitorHash: null,
    });
  });
});
