import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmqpTestClient } from './support/amqp-test-client';
import { runDatabaseTool } from './support/command-line-tool';
import { startBeacon, TEST_JWT_SECRET, type BeaconHarness } from './support/beacon-harness';
import { eventually } from './support/eventually';
import { request } from './support/http-client';
import { parseMetrics, valueOf } from './support/metrics-text';

const PASSWORD = 'correct horse battery';

/** A JWT signed with HS256/HS512 (or unsigned for `none`), built by hand like an attacker would. */
function forgeJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret = TEST_JWT_SECRET,
): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode(header)}.${encode(payload)}`;
  if (header.alg === 'none') return `${unsigned}.`;
  const digest = header.alg === 'HS512' ? 'sha512' : 'sha256';
  return `${unsigned}.${createHmac(digest, secret).update(unsigned).digest('base64url')}`;
}

describe('identity: accounts, access tokens and refresh tokens', () => {
  let beacon: BeaconHarness;
  let auth: string;
  beforeAll(async () => {
    beacon = await startBeacon();
    auth = `${beacon.gatewayUrl}/auth`;
  });
  afterAll(() => beacon?.stop());

  const post = (path: string, json: unknown) =>
    request(`${auth}/${path}`, { method: 'POST', json });
  const me = (authorization?: string) =>
    request(`${auth}/me`, authorization === undefined ? {} : { headers: { authorization } });
  const register = (email: string, password = PASSWORD) => post('register', { email, password });

  it('registers an account and answers with a session; `me` names it', async () => {
    const registered = await register('Ann@Example.com');
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(registered.body.accessToken.split('.')).toHaveLength(3);
    expect(registered.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const caller = await me(`Bearer ${registered.body.accessToken}`);
    expect(caller.status).toBe(200);
    expect(caller.body).toEqual({ id: expect.any(String), email: 'ann@example.com', role: 'user' });
    const [row] = await beacon.sql<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE email = ?',
      ['ann@example.com'],
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('publishes user.registered', async () => {
    const amqp = await AmqpTestClient.open(beacon.config.rabbitmq.urls, beacon.topology);
    try {
      const queue = await amqp.bindTemporaryQueue('user.registered');
      const registered = await register('events@example.com');
      const { body } = await me(`Bearer ${registered.body.accessToken}`);
      const message = await eventually(async () => {
        const taken = await amqp.take(queue);
        if (!taken) throw new Error('no user.registered yet');
        return taken;
      });
      expect(JSON.parse(message.content.toString())).toMatchObject({
        type: 'user.registered',
        data: { userId: body.id },
      });
    } finally {
      await amqp.close();
    }
  });

  it('keeps one account per email, whatever its case', async () => {
    expect((await register('dup@example.com')).status).toBe(201);
    const again = await register(' DUP@example.COM ');
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('An account with this email already exists');
  });

  it.each([
    [{ email: 'short@example.com', password: 'too short' }, 'password: at least 10 characters'],
    [{ email: 'long@example.com', password: 'x'.repeat(257) }, 'password: at most 256'],
    [{ email: 'not an email', password: PASSWORD }, 'email: must be an email address'],
    [{ password: PASSWORD }, 'email: required, a string'],
    [{ email: 'extra@example.com', password: PASSWORD, role: 'admin' }, 'Unrecognized key'],
  ])('refuses a bad registration %j with 400', async (body, message) => {
    const refused = await post('register', body);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain(message);
  });

  it('accepts passwords up to 256 characters, unicode included', async () => {
    const password = 'pässwörd-🔑'.repeat(20).slice(0, 200);
    expect((await register('unicode@example.com', password)).status).toBe(201);
    expect((await post('login', { email: 'unicode@example.com', password })).status).toBe(200);
  });

  it('logs in with the right password only, with one answer for every failure', async () => {
    expect((await register('bob@example.com')).status).toBe(201);
    const login = await post('login', { email: 'BOB@example.com', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const wrongPassword = await post('login', { email: 'bob@example.com', password: 'wrong one!' });
    const unknownEmail = await post('login', { email: 'nobody@example.com', password: PASSWORD });
    for (const refused of [wrongPassword, unknownEmail]) {
      expect(refused.status).toBe(401);
      expect(refused.body.message).toBe('Invalid email or password');
    }
  });

  it('takes comparable time for an unknown email and a wrong password', async () => {
    expect((await register('timing@example.com')).status).toBe(201);
    const median = async (email: string) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        expect((await post('login', { email, password: 'wrong password' })).status).toBe(401);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[2];
    };
    const wrongPassword = await median('timing@example.com');
    const unknownEmail = await median('nobody-here@example.com');
    // Without the decoy hash an unknown email answers in about 1 ms, against tens of ms.
    expect(unknownEmail).toBeGreaterThan(wrongPassword / 3);
    expect(unknownEmail).toBeLessThan(wrongPassword * 3);
  });

  it('refuses missing and malformed Authorization headers', async () => {
    expect(await me()).toMatchObject({ status: 401, body: { message: 'Missing access token' } });
    const basic = await me('Basic dXNlcjpwYXNz');
    expect(basic.status).toBe(401);
    expect(basic.body.message).toBe('Expected an Authorization: Bearer <token> header');
    const garbage = await me('Bearer not-a-jwt');
    expect(garbage.status).toBe(401);
    expect(garbage.body.message).toBe('Invalid access token: jwt malformed');
  });

  it('refuses forged access tokens, each with a clear message', async () => {
    const registered = await register('forged@example.com');
    const { body: user } = await me(`Bearer ${registered.body.accessToken}`);
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: user.id, role: 'admin', jti: 'forged', iat: now, exp: now + 600 };
    const [header, , signature] = registered.body.accessToken.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const cases: [string, string][] = [
      [
        forgeJwt({ alg: 'none', typ: 'JWT' }, claims),
        'Invalid access token: jwt signature is required',
      ],
      [forgeJwt({ alg: 'HS512', typ: 'JWT' }, claims), 'Invalid access token: invalid algorithm'],
      [tampered, 'Invalid access token: invalid signature'],
      [
        forgeJwt({ alg: 'HS256', typ: 'JWT' }, claims, 'another-secret-of-the-same-length!!'),
        'Invalid access token: invalid signature',
      ],
      [
        forgeJwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, role: 'user', exp: now - 10 }),
        'Access token expired',
      ],
      [
        forgeJwt({ alg: 'HS256', typ: 'JWT' }, { role: 'user', iat: now, exp: now + 600 }),
        'Invalid access token: missing sub, role or jti',
      ],
      // Signed with the server's secret (leaked, or a buggy issuer) but never expiring, or
      // minted ahead to outlive JWT_ACCESS_EXPIRES.
      [
        forgeJwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, role: 'user', exp: undefined }),
        'Invalid access token: missing exp or iat',
      ],
      [
        forgeJwt(
          { alg: 'HS256', typ: 'JWT' },
          { ...claims, role: 'user', iat: now + 3600, exp: now + 4200 },
        ),
        'Invalid access token: issued in the future',
      ],
    ];
    for (const [token, message] of cases) {
      const refused = await me(`Bearer ${token}`);
      expect({ status: refused.status, message: refused.body.message }).toEqual({
        status: 401,
        message,
      });
    }
    // Correctly signed with the server's secret: accepted, and the role comes from the database.
    const genuine = forgeJwt({ alg: 'HS256', typ: 'JWT' }, claims);
    expect((await me(`Bearer ${genuine}`)).body.role).toBe('user');
  });

  it('lets only admins through @Roles(admin): 401 anonymous, 403 user, 200 admin', async () => {
    const adminOnly = (authorization?: string) =>
      request(`${beacon.gatewayUrl}/api/test/admin-only`, {
        headers: authorization === undefined ? {} : { authorization },
      });
    expect((await adminOnly()).status).toBe(401);
    const session = (await register('role-check@example.com')).body;
    const asUser = await adminOnly(`Bearer ${session.accessToken}`);
    expect(asUser).toMatchObject({ status: 403, body: { message: 'Requires the admin role' } });
    await beacon.sql("UPDATE users SET role = 'admin' WHERE email = ?", ['role-check@example.com']);
    // The same token: the role comes from the database, so a promotion applies at once.
    const asAdmin = await adminOnly(`Bearer ${session.accessToken}`);
    expect(asAdmin).toMatchObject({ status: 200, body: { email: 'role-check@example.com' } });
  });

  it('refuses the tokens of a disabled account, and its login', async () => {
    const registered = await register('disabled@example.com');
    await beacon.sql('UPDATE users SET disabled_at = NOW(3) WHERE email = ?', [
      'disabled@example.com',
    ]);
    const refused = await me(`Bearer ${registered.body.accessToken}`);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('Access token of an account that no longer exists');
    const login = await post('login', { email: 'disabled@example.com', password: PASSWORD });
    expect(login.status).toBe(401);
    const refresh = await post('refresh', { refreshToken: registered.body.refreshToken });
    expect(refresh.status).toBe(401);
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const first = (await register('rotate@example.com')).body;
    const second = await post('refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await me(`Bearer ${second.body.accessToken}`)).status).toBe(200);

    const reused = await post('refresh', { refreshToken: first.refreshToken });
    expect(reused.status).toBe(401);
    expect(reused.body.message).toBe(
      'Refresh token already used: every token of this login is now revoked',
    );
    const successor = await post('refresh', { refreshToken: second.body.refreshToken });
    expect(successor.status).toBe(401);
    expect(successor.body.message).toBe('Refresh token revoked');
  });

  it('lets one of two concurrent refreshes with the same token win, never both', async () => {
    const { refreshToken } = (await register('race@example.com')).body;
    const answers = await Promise.all([
      post('refresh', { refreshToken }),
      post('refresh', { refreshToken }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
    // The loser presented a used token: strict reuse detection revokes the family.
    const winner = answers.find((answer) => answer.status === 200)!;
    expect((await post('refresh', { refreshToken: winner.body.refreshToken })).status).toBe(401);
  });

  it('keeps another login of the same account alive when one family is revoked', async () => {
    expect((await register('two@example.com')).status).toBe(201);
    const phone = (await post('login', { email: 'two@example.com', password: PASSWORD })).body;
    const laptop = (await post('login', { email: 'two@example.com', password: PASSWORD })).body;
    expect((await post('logout', { refreshToken: phone.refreshToken })).status).toBe(204);
    expect((await post('refresh', { refreshToken: phone.refreshToken })).status).toBe(401);
    expect((await post('refresh', { refreshToken: laptop.refreshToken })).status).toBe(200);
  });

  it('refuses unknown and malformed refresh tokens; logout of an unknown one is a no-op', async () => {
    const unknown = await post('refresh', { refreshToken: 'A'.repeat(43) });
    expect(unknown).toMatchObject({ status: 401, body: { message: 'Unknown refresh token' } });
    const malformed = await post('refresh', { refreshToken: "' OR 1=1 --" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain('refreshToken: must be a refresh token');
    expect((await post('logout', { refreshToken: 'B'.repeat(43) })).status).toBe(204);
  });

  it('refuses an expired refresh token', async () => {
    const { refreshToken } = (await register('expired-refresh@example.com')).body;
    await beacon.sql(
      'UPDATE refresh_tokens t JOIN users u ON u.id = t.user_id SET t.expires_at = NOW(3) WHERE u.email = ?',
      ['expired-refresh@example.com'],
    );
    const refused = await post('refresh', { refreshToken });
    expect(refused).toMatchObject({ status: 401, body: { message: 'Refresh token expired' } });
  });

  it('counts attempts in auth_attempts_total by action and result', async () => {
    const samples = parseMetrics(await (await fetch(`${beacon.gatewayUrl}/metrics`)).text());
    const attempts = (action: string, result: string) =>
      valueOf(samples, 'auth_attempts_total', { action, result });
    expect(attempts('register', 'success')).toBeGreaterThanOrEqual(10);
    expect(attempts('register', 'email_taken')).toBe(1);
    expect(attempts('login', 'invalid_credentials')).toBeGreaterThanOrEqual(12);
    expect(attempts('refresh', 'refresh_reused')).toBe(2);
    expect(attempts('refresh', 'refresh_expired')).toBe(1);
    expect(attempts('logout', 'success')).toBeGreaterThanOrEqual(2);
  });
});

describe('identity: access token expiry', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    beacon = await startBeacon({ env: { JWT_ACCESS_EXPIRES: '1s' } });
  });
  afterAll(() => beacon?.stop());

  it('refuses an access token once JWT_ACCESS_EXPIRES has passed, and refresh renews it', async () => {
    const session = await request(`${beacon.gatewayUrl}/auth/register`, {
      method: 'POST',
      json: { email: 'short-lived@example.com', password: PASSWORD },
    });
    expect(session.body.expiresIn).toBe(1);
    const authorization = `Bearer ${session.body.accessToken}`;
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const expired = await request(`${beacon.gatewayUrl}/auth/me`, { headers: { authorization } });
    expect(expired).toMatchObject({ status: 401, body: { message: 'Access token expired' } });
    const renewed = await request(`${beacon.gatewayUrl}/auth/refresh`, {
      method: 'POST',
      json: { refreshToken: session.body.refreshToken },
    });
    expect(renewed.status).toBe(200);
    const fresh = await request(`${beacon.gatewayUrl}/auth/me`, {
      headers: { authorization: `Bearer ${renewed.body.accessToken}` },
    });
    expect(fresh.status).toBe(200);
  });
});

describe('identity: npm run user:create-admin', () => {
  let beacon: BeaconHarness;
  beforeAll(async () => {
    beacon = await startBeacon();
  });
  afterAll(() => beacon?.stop());

  const createAdmin = (
    args: string[],
    options: { env?: Record<string, string>; stdin?: string } = {},
  ) => runDatabaseTool(beacon.config.database, 'identity/create-admin.main.js', args, options);
  const loginRole = async (email: string, password: string) => {
    const login = await request(`${beacon.gatewayUrl}/auth/login`, {
      method: 'POST',
      json: { email, password },
    });
    if (login.status !== 200) return login.status;
    const caller = await request(`${beacon.gatewayUrl}/auth/me`, {
      headers: { authorization: `Bearer ${login.body.accessToken}` },
    });
    return caller.body.role;
  };

  it('creates an admin with the password from ADMIN_PASSWORD', async () => {
    const created = createAdmin(['--email', 'Root@Example.com'], {
      env: { ADMIN_PASSWORD: 'an admin passphrase' },
    });
    expect(created).toEqual({ status: 0, output: 'created admin root@example.com\n' });
    expect(await loginRole('root@example.com', 'an admin passphrase')).toBe('admin');
  });

  it('promotes an existing account with the password from standard input', async () => {
    await request(`${beacon.gatewayUrl}/auth/register`, {
      method: 'POST',
      json: { email: 'promoted@example.com', password: PASSWORD },
    });
    expect(await loginRole('promoted@example.com', PASSWORD)).toBe('user');
    const promoted = createAdmin(['--email', 'promoted@example.com'], {
      stdin: 'a new admin passphrase\n',
    });
    expect(promoted.status).toBe(0);
    expect(promoted.output).toContain('made promoted@example.com an admin');
    expect(await loginRole('promoted@example.com', PASSWORD)).toBe(401);
    expect(await loginRole('promoted@example.com', 'a new admin passphrase')).toBe('admin');
  });

  it('never takes the password from the command line, and refuses weak ones', async () => {
    const onArgv = createAdmin(['--email', 'argv@example.com', '--password', 'visible to all']);
    expect(onArgv.status).toBe(2);
    expect(onArgv.output).toContain("Unknown option '--password'");
    const weak = createAdmin(['--email', 'weak@example.com'], { env: { ADMIN_PASSWORD: 'short' } });
    expect(weak.status).toBe(2);
    expect(weak.output).toContain('at least 10 characters');
    expect(
      await beacon.sql('SELECT id FROM users WHERE email IN (?, ?)', [
        'argv@example.com',
        'weak@example.com',
      ]),
    ).toEqual([]);
  });
});
