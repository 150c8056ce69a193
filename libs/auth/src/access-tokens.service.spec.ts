import { loadConfig } from '@beacon/config';
import { UnauthorizedException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { AccessTokens } from './access-tokens.service';

const config = loadConfig('gateway', { JWT_SECRET: 'unit-secret', JWT_ACCESS_EXPIRES: '5m' });

describe('AccessTokens', () => {
  const tokens = new AccessTokens(config);

  it('issues HS256 tokens with sub, role, a unique jti and the configured lifetime', () => {
    const first = tokens.issue({ id: '42', role: 'admin' });
    const second = tokens.issue({ id: '42', role: 'admin' });
    expect(first.expiresIn).toBe(300);
    const header = JSON.parse(Buffer.from(first.accessToken.split('.')[0], 'base64url').toString());
    expect(header.alg).toBe('HS256');
    const claims = tokens.verify(first.accessToken);
    expect(claims).toMatchObject({ sub: '42', role: 'admin' });
    expect(claims.jti).not.toBe(tokens.verify(second.accessToken).jti);
  });

  it('refuses a token signed with another secret', () => {
    const other = new AccessTokens(loadConfig('gateway', { JWT_SECRET: 'other-secret' }));
    const token = other.issue({ id: '1', role: 'user' }).accessToken;
    expect(() => tokens.verify(token)).toThrow(UnauthorizedException);
    expect(() => tokens.verify(token)).toThrow('Invalid access token: invalid signature');
  });
});
