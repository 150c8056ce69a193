import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { signUp, type BearerHeader } from './support/accounts';
import { request } from './support/http-client';

const CHROME_ON_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_ON_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

describe('visit analytics through RabbitMQ and the worker', () => {
  let beacon: BeaconHarness;
  let owner: BearerHeader;
  beforeAll(async () => {
    beacon = await startBeacon({ worker: true });
    owner = await signUp(beacon.gatewayUrl);
  });
  afterAll(() => beacon?.stop());

  const createLink = async (slug: string) => {
    const created = await request(`${beacon.gatewayUrl}/api/links`, {
      method: 'POST',
      json: { url: `https://example.com/${slug}`, slug },
      headers: owner,
    });
    expect(created.status).toBe(201);
  };
  const visit = async (slug: string, headers: Record<string, string>) => {
    const response = await fetch(`${beacon.gatewayUrl}/${slug}`, { redirect: 'manual', headers });
    expect(response.status).toBe(302);
  };
  const stats = (slug: string, query = '') =>
    request(`${beacon.gatewayUrl}/api/links/${slug}/stats${query}`, { headers: owner });

  it('shows a visit with its browser, OS, device and referrer host', async () => {
    await createLink('one-visit');
    await visit('one-visit', {
      'user-agent': CHROME_ON_MAC,
      referer: 'https://News.Ycombinator.com/item?id=1',
    });
    const today = new Date().toISOString().slice(0, 10);
    const body = await eventually(async () => {
      const response = await stats('one-visit');
      expect(response.body.totalVisits).toBe(1);
      return response.body;
    });
    expect(body).toMatchObject({
      slug: 'one-visit',
      to: today,
      totalVisits: 1,
      uniqueVisitors: 1,
      referrers: [{ name: 'news.ycombinator.com', visits: 1 }],
      browsers: [{ name: 'Chrome', visits: 1 }],
      operatingSystems: [{ name: 'Mac OS', visits: 1 }],
      devices: [{ name: 'desktop', visits: 1 }],
      traffic: { human: 1, bot: 0 },
    });
    expect(body.daily).toHaveLength(30);
    expect(body.daily.at(-1)).toEqual({ date: today, visits: 1, uniqueVisitors: 1 });
  });

  it('counts exactly 100 visits after 100 redirects', async () => {
    await createLink('hundred');
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          visit('hundred', { 'user-agent': `${CHROME_ON_MAC} visitor/${batch * 10 + i}` }),
        ),
      );
    }
    await eventually(async () => expect((await stats('hundred')).body.totalVisits).toBe(100));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const settled = (await stats('hundred')).body;
    expect(settled.totalVisits).toBe(100);
    expect(settled.uniqueVisitors).toBe(100);
  });

  it('counts one unique visitor per IP and user agent, and flags bots without dropping them', async () => {
    await createLink('mixed');
    for (let i = 0; i < 3; i++) await visit('mixed', { 'user-agent': SAFARI_ON_IPHONE });
    await visit('mixed', { 'user-agent': GOOGLEBOT });
    const body = await eventually(async () => {
      const response = await stats('mixed');
      expect(response.body.totalVisits).toBe(4);
      return response.body;
    });
    expect(body.uniqueVisitors).toBe(2);
    expect(body.traffic).toEqual({ human: 3, bot: 1 });
    expect(body.devices).toContainEqual({ name: 'mobile', visits: 3 });
    expect(body.operatingSystems).toContainEqual({ name: 'iOS', visits: 3 });
    expect(body.referrers).toEqual([{ name: '(direct)', visits: 4 }]);
  });

  it('answers a range outside the visits with zeros', async () => {
    await createLink('old-range');
    const response = await stats('old-range', '?from=2020-01-01&to=2020-01-03');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ from: '2020-01-01', to: '2020-01-03', totalVisits: 0 });
    expect(response.body.daily.map((day: { date: string }) => day.date)).toEqual([
      '2020-01-01',
      '2020-01-02',
      '2020-01-03',
    ]);
  });

  it.each([
    ['an impossible date', '?from=2026-02-30', 'from'],
    ['a date-time instead of a date', '?to=2026-01-01T00:00:00Z', 'to'],
    ['from after to', '?from=2026-02-02&to=2026-02-01', 'from'],
    ['a range over ten years', '?from=2000-01-01&to=2026-01-01', 'from'],
  ])('rejects %s with 400 naming the field', async (_case, query, field) => {
    const response = await stats('one-visit', query);
    expect(response.status).toBe(400);
    expect(response.body.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('answers 404 for the stats of an unknown link', async () => {
    expect((await stats('never-created')).status).toBe(404);
  });
});
