import { loadConfig } from '@beacon/config';
import { UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
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

  describe('refuses tokens that would outlive their lifetime', () => {
    // Signed with the right secret, as a leaked secret or a buggy issuer would.
    const signer = new JwtService({ secret: 'unit-secret' });
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: '7', role: 'user', jti: 'j' };

    it.each([
      ['without exp', { ...claims, iat: now }, 'Invalid access token: missing exp or iat'],
      ['without iat', { ...claims, exp: now + 60 }, 'Invalid access token: missing exp or iat'],
      [
        'issued an hour from now',
        { ...claims, iat: now + 3600, exp: now + 3900 },
        'Invalid access token: issued in the future',
      ],
    ])('refuses a token %s', (_name, payload, message) => {
      // jsonwebtoken keeps a given iat, and adds one unless told not to.
      const token = signer.sign(payload, { noTimestamp: !('iat' in payload) });
      expect(() => tokens.verify(token)).toThrow(message);
    });

    it("accepts an iat up to a minute ahead: another replica's clock", () => {
      const token = signer.sign({ ...claims, iat: now + 50, exp: now + 350 });
      expect(tokens.verify(token)).toMatchObject({ sub: '7', iat: now + 50 });
    });
  });
});
