// Hostile and broken input over every route: each answer is a 4xx JSON error that names the
// problem, never a 500, and the gateway keeps serving. Cases are generated per route from one
// list of bodies and one list of query strings, so a new route only needs a line here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type BearerHeader } from './support/accounts';
import { startBeacon, type BeaconHarness } from './support/beacon-harness';

interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** Needs the caller's access token. */
  authenticated: boolean;
  /** Takes a JSON body. */
  body: boolean;
}

const ROUTES: Route[] = [
  { method: 'POST', path: '/auth/register', authenticated: false, body: true },
  { method: 'POST', path: '/auth/login', authenticated: false, body: true },
  { method: 'POST', path: '/auth/refresh', authenticated: false, body: true },
  { method: 'POST', path: '/auth/logout', authenticated: false, body: true },
  { method: 'GET', path: '/auth/me', authenticated: true, body: false },
  { method: 'POST', path: '/api/links', authenticated: true, body: true },
  { method: 'GET', path: '/api/links', authenticated: true, body: false },
  { method: 'GET', path: '/api/links/bad-input', authenticated: true, body: false },
  { method: 'PATCH', path: '/api/links/bad-input', authenticated: true, body: true },
  { method: 'GET', path: '/api/links/bad-input/stats', authenticated: true, body: false },
  { method: 'POST', path: '/bad-input-locked', authenticated: false, body: true },
  { method: 'GET', path: '/api/products', authenticated: false, body: false },
  { method: 'GET', path: '/api/products/1', authenticated: false, body: false },
];

const LONG = 'x'.repeat(10_000);

/** Raw bodies sent as application/json, with what the error message must mention. */
const JSON_BODIES: [string, string, RegExp][] = [
  ['malformed JSON', '{"email":', /Invalid JSON body/],
  ['an empty body', '', /Body cannot be empty/],
  ['a JSON array', '[1,2,3]', /object|required/i],
  ['a JSON string', '"hello"', /object|required/i],
  ['null', 'null', /object|required|body/i],
  [
    '__proto__ pollution',
    '{"__proto__":{"isAdmin":true},"email":"a@b.io"}',
    /Invalid JSON body: Object contains forbidden prototype property/,
  ],
  [
    'constructor.prototype',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    /Invalid JSON body: Object contains forbidden prototype property/,
  ],
  ['unknown fields', '{"role":"admin","isAdmin":true}', /Unrecognized|required|field/i],
  [
    'wrong types',
    '{"email":42,"password":[],"url":{},"maxVisits":"3","refreshToken":7}',
    /must|required|expected/i,
  ],
  [
    'very long strings',
    JSON.stringify({
      email: `${LONG}@x.io`,
      password: LONG,
      url: `https://x.io/${LONG}`,
      refreshToken: LONG,
    }),
    /at most|must|required/i,
  ],
  [
    'control characters',
    JSON.stringify({
      email: 'a\u0000b@x.io',
      password: '\u0007\u0008',
      url: 'https://x.io/\u0000',
      refreshToken: '\u0000',
    }),
    /must|required|characters/i,
  ],
  [
    'SQL-looking strings',
    JSON.stringify({
      email: "x' OR '1'='1",
      password: "' OR 1=1 --",
      url: "https://x.io/'; DROP TABLE links; --",
      refreshToken: "' OR 1=1 --",
      slug: "'; DROP TABLE users; --",
    }),
    /must|required|Unrecognized|Invalid/i,
  ],
  [
    'unicode look-alikes',
    JSON.stringify({ email: 'аdmin@exаmple.com', slug: 'ѕlug', url: 'https://exa\u202emple.com' }),
    /must|required|Unrecognized|Invalid/i,
  ],
];

/**
 * Each query route's single-valued parameters, with a valid value: given twice, or in the list
 * syntax other parsers read as an array, each must be a 400 naming it.
 */
const SINGLE_VALUED: [path: string, parameters: Record<string, string>][] = [
  ['/api/links', { page: '1', limit: '5' }],
  ['/api/links/bad-input/stats', { from: '2026-01-01', to: '2026-01-02' }],
  [
    '/api/products',
    {
      category: 'books',
      q: 'lamp',
      minPrice: '1',
      maxPrice: '2',
      sort: 'name',
      page: '1',
      limit: '5',
    },
  ],
  ['/api/analytics/products/top', { from: '2026-01-01', to: '2026-01-02', limit: '5' }],
];

/** Date inputs outside the years 1000 to 9999 (what MySQL's DATE and DATETIME hold). */
const UNSTORABLE_DAYS: [path: string, query: string, field: string][] = [
  ['/api/links/bad-input/stats', 'from=0999-12-31&to=1000-01-01', 'from'],
  ['/api/links/bad-input/stats', 'from=0000-01-01&to=1000-01-01', 'from'],
  ['/api/links/bad-input/stats', 'from=9999-12-31&to=10000-01-01', 'to'],
  ['/api/analytics/products/top', 'from=0001-01-01&to=1000-01-01', 'from'],
];

const QUERIES = [
  'page=-1',
  'page=NaN',
  'page=1e309',
  'limit=99999999999999999999',
  'limit=0',
  'page[]=1',
  'from=2024-13-45',
  'to=../../etc/passwd',
  "from=' OR 1=1 --",
];

describe('bad input on every route: a 4xx JSON error, never a 500', () => {
  let beacon: BeaconHarness;
  let caller: BearerHeader;
  beforeAll(async () => {
    beacon = await startBeacon();
    caller = await signUp(beacon.gatewayUrl);
    for (const [slug, extra] of [
      ['bad-input', {}],
      ['bad-input-locked', { password: 'locked tight' }],
    ] as const) {
      const created = await fetch(`${beacon.gatewayUrl}/api/links`, {
        method: 'POST',
        headers: { ...caller, 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'https://example.com/bad-input', slug, ...extra }),
      });
      expect(created.status).toBe(201);
    }
  });
  afterAll(() => beacon?.stop());

  async function send(route: Route, init: RequestInit, query = ''): Promise<Response> {
    const headers = { ...(route.authenticated ? caller : {}), ...(init.headers as object) };
    const url = `${beacon.gatewayUrl}${route.path}${query ? `?${query}` : ''}`;
    return fetch(url, { method: route.method, redirect: 'manual', ...init, headers });
  }

  async function expectClientError(response: Response, mentions: RegExp): Promise<void> {
    const text = await response.text();
    const context = `${response.status} ${text.slice(0, 200)}`;
    expect(response.status, context).toBeGreaterThanOrEqual(400);
    expect(response.status, context).toBeLessThan(500);
    // A protected link answers a wrong password (any string is one) with its HTML form.
    if (response.headers.get('content-type')?.startsWith('text/html')) {
      expect(response.status, context).toBe(401);
      expect(text, context).toContain('Wrong password');
      return;
    }
    const body = JSON.parse(text) as { statusCode: number; message: string; requestId: string };
    expect(body.statusCode, context).toBe(response.status);
    expect(body.message, context).toMatch(mentions);
    expect(body.requestId, context).toBeTruthy();
  }

  async function expectStillServing(): Promise<void> {
    expect((await fetch(`${beacon.gatewayUrl}/health/live`)).status).toBe(200);
  }

  const bodyRoutes = ROUTES.filter((route) => route.body);

  it.each(
    bodyRoutes.flatMap((route) =>
      JSON_BODIES.map(
        ([name, body, mentions]) =>
          [`${route.method} ${route.path}`, name, route, body, mentions] as const,
      ),
    ),
  )('%s with %s', async (_route, _name, route, body, mentions) => {
    const response = await send(route, {
      body,
      headers: { 'content-type': 'application/json' },
    });
    await expectClientError(response, mentions);
    await expectStillServing();
  });

  it.each(bodyRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s with the wrong content type, or an oversized body',
    async (_name, route) => {
      const text = await send(route, { body: 'a=1', headers: { 'content-type': 'text/plain' } });
      await expectClientError(text, /Unsupported Media Type|content-type/i);
      const xml = await send(route, {
        body: '<a/>',
        headers: { 'content-type': 'application/xml' },
      });
      await expectClientError(xml, /Unsupported Media Type|content-type/i);
      const huge = await send(route, {
        body: JSON.stringify({ padding: 'x'.repeat(200_000) }),
        headers: { 'content-type': 'application/json' },
      });
      expect(huge.status).toBe(413);
      await expectClientError(huge, /too large/i);
      await expectStillServing();
    },
  );

  // An HTML form posts these three content types cross-site without a CORS preflight: a JSON
  // route that read one could be driven by any page its user visits. Only the password form of a
  // protected link (POST /:slug) takes a form.
  it.each(
    bodyRoutes
      .filter((route) => route.path !== '/bad-input-locked')
      .map((route) => [`${route.method} ${route.path}`, route] as const),
  )('%s refuses what an HTML form posts with 415', async (_name, route) => {
    const forms: [string, string][] = [
      ['application/x-www-form-urlencoded', 'email=a%40b.io&password=correct+horse+battery'],
      ['text/plain', 'email=a@b.io\r\npassword=correct horse battery'],
    ];
    for (const [contentType, body] of forms) {
      const response = await send(route, { body, headers: { 'content-type': contentType } });
      expect(response.status, contentType).toBe(415);
      await expectClientError(response, /Unsupported Media Type/);
    }
    const multipart = new FormData();
    multipart.set('email', 'a@b.io');
    multipart.set('password', 'correct horse battery');
    const response = await send(route, { body: multipart });
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(response.status, 'multipart/form-data').toBe(415);
    await expectClientError(response, /Unsupported Media Type/);
  });

  it('lets the password form post urlencoded to POST /:slug', async () => {
    const response = await send(
      ROUTES.find((route) => route.path === '/bad-input-locked')!,
      {
        body: 'password=locked+tight',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://example.com/bad-input');
  });

  it.each(
    ROUTES.filter((route) => route.method === 'GET').flatMap((route) =>
      QUERIES.map((query) => [`${route.method} ${route.path}`, query, route] as const),
    ),
  )('%s?%s is refused or ignored, never a 500', async (_name, query, route) => {
    const response = await send(route, {}, query);
    expect(response.status).toBeLessThan(500);
    if (response.status >= 400) await expectClientError(response, /./);
    await expectStillServing();
  });

  describe('single-valued query parameters and dates', () => {
    let admin: BearerHeader;
    beforeAll(async () => {
      const email = `bad-input-admin-${Date.now()}@example.com`;
      admin = await signUp(beacon.gatewayUrl, email);
      await beacon.sql("UPDATE users SET role = 'admin' WHERE email = ?", [email]);
    });

    const get = (path: string, query: string) =>
      fetch(`${beacon.gatewayUrl}${path}?${query}`, { headers: admin });

    async function expectRefusedNaming(response: Response, field: string, message: RegExp) {
      const body = (await response.json()) as { fields?: { field: string; message: string }[] };
      expect({ status: response.status, fields: body.fields }).toEqual({
        status: 400,
        fields: [{ field, message: expect.stringMatching(message) }],
      });
    }

    it.each(
      SINGLE_VALUED.flatMap(([path, parameters]) =>
        Object.entries(parameters).flatMap(([name, value]) => {
          const others = Object.entries(parameters)
            .filter(([other]) => other !== name)
            .map(([other, otherValue]) => `${other}=${encodeURIComponent(otherValue)}`);
          return [
            `${name}=${value}&${name}=${value}`,
            `${name}[]=${value}`,
            `${name}[0]=${value}`,
          ].map((repeated) => [path, [...others, repeated].join('&'), name] as const);
        }),
      ),
    )('GET %s?%s is 400 naming %s', async (path, query, name) => {
      await expectRefusedNaming(await get(path, query), name, /given once/);
    });

    it.each(SINGLE_VALUED)(
      'GET %s answers its valid parameters given once',
      async (path, parameters) => {
        expect((await get(path, new URLSearchParams(parameters).toString())).status).toBe(200);
      },
    );

    it.each(UNSTORABLE_DAYS)('GET %s?%s is 400 naming %s', async (path, query, field) => {
      await expectRefusedNaming(await get(path, query), field, /1000|YYYY-MM-DD/);
    });

    it.each(['9999-12-31T23:59:59-14:00', '0999-12-31T23:59:59Z', '10000-01-01T00:00:00Z'])(
      'refuses the expiry %s on create and update with 400',
      async (expiresAt) => {
        const created = await fetch(`${beacon.gatewayUrl}/api/links`, {
          method: 'POST',
          headers: { ...admin, 'content-type': 'application/json' },
          body: JSON.stringify({ url: 'https://example.com/late', expiresAt }),
        });
        await expectRefusedNaming(created, 'expiresAt', /1000|ISO 8601/);
        const updated = await fetch(`${beacon.gatewayUrl}/api/links/bad-input`, {
          method: 'PATCH',
          headers: { ...caller, 'content-type': 'application/json' },
          body: JSON.stringify({ expiresAt }),
        });
        await expectRefusedNaming(updated, 'expiresAt', /1000|ISO 8601/);
      },
    );
  });

  it.each(
    ROUTES.filter((route) => route.authenticated).map(
      (route) => [`${route.method} ${route.path}`, route] as const,
    ),
  )('%s with forged or malformed access tokens', async (_name, route) => {
    const tokens = [
      'Bearer ',
      'Bearer a.b.c',
      'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIiwicm9sZSI6ImFkbWluIiwianRpIjoieCJ9.',
      `Bearer ${'A'.repeat(9_000)}`,
      "Bearer ' OR 1=1 --",
      'Token abc',
    ];
    for (const authorization of tokens) {
      const response = await fetch(`${beacon.gatewayUrl}${route.path}`, {
        method: route.method,
        headers: { authorization, 'content-type': 'application/json' },
        body: route.body ? '{}' : undefined,
      });
      expect(response.status, authorization.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(response.status, authorization.slice(0, 40)).toBeLessThan(500);
    }
    await expectStillServing();
  });

  it('answers SQL-looking, unicode and overlong slugs on the redirect with 4xx', async () => {
    for (const slug of [
      "'%20OR%201=1%20--",
      '%F0%9F%92%A9',
      'a%00b',
      '..%2F..%2Fetc%2Fpasswd',
      'x'.repeat(300),
    ]) {
      const response = await fetch(`${beacon.gatewayUrl}/${slug}`, { redirect: 'manual' });
      await expectClientError(response, /./);
    }
    await expectStillServing();
  });
});
