/**
 * Access tokens: JWTs signed with HS256 and JWT_SECRET, carrying `sub` (the user id), `role` and
 * a unique `jti`, valid for JWT_ACCESS_EXPIRES. Verification accepts HS256 only, so a token
 * with `alg: none`, another algorithm, a bad signature or a past `exp` is refused, each with a
 * message that says which (the caller's own token, so nothing secret is revealed). A token
 * without `exp` would never expire and one whose `iat` is in the future was minted to outlive
 * its lifetime (with a leaked secret, or a clock gone wrong): both are refused too, allowing
 * replicas' clocks to differ by CLOCK_SKEW_SECONDS.
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import type { UserRole } from '@beacon/database';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JsonWebTokenError, JwtService, NotBeforeError, TokenExpiredError } from '@nestjs/jwt';
import { createSecretKey, randomUUID } from 'node:crypto';

export interface AccessToken {
  accessToken: string;
  /** Seconds until it expires. */
  expiresIn: number;
}

export interface AccessTokenClaims {
  sub: string;
  role: UserRole;
  jti: string;
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** Expires at, seconds since the epoch. */
  exp: number;
}

const ALGORITHM = 'HS256';
const CLOCK_SKEW_SECONDS = 60;

@Injectable()
export class AccessTokens {
  private readonly jwt: JwtService;
  private readonly ttlSeconds: number;

  constructor(@InjectConfig() config: BeaconConfig) {
    this.ttlSeconds = config.auth.accessTtlSeconds;
    this.jwt = new JwtService({
      // A key object, made once: given the string, jsonwebtoken first tries to read it as a
      // public key on every verify, and the failed attempt cost more than the rest of it.
      secret: createSecretKey(Buffer.from(config.auth.jwtSecret)),
      signOptions: { algorithm: ALGORITHM, expiresIn: this.ttlSeconds },
      verifyOptions: { algorithms: [ALGORITHM] },
    });
  }

  issue(user: { id: string; role: UserRole }): AccessToken {
    const claims = { role: user.role, jti: randomUUID() };
    return {
      accessToken: this.jwt.sign(claims, { subject: user.id }),
      expiresIn: this.ttlSeconds,
    };
  }

  /** The token's claims, or UnauthorizedException saying what is wrong with it. */
  verify(token: string): AccessTokenClaims {
    let claims: unknown;
    try {
      claims = this.jwt.verify(token);
    } catch (error) {
      throw new UnauthorizedException(refusal(error));
    }
    if (!isAccessTokenClaims(claims)) {
      throw new UnauthorizedException('Invalid access token: missing sub, role or jti');
    }
    if (!hasLifetime(claims)) {
      throw new UnauthorizedException('Invalid access token: missing exp or iat');
    }
    if (claims.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) {
      throw new UnauthorizedException('Invalid access token: issued in the future');
    }
    return claims;
  }
}

function refusal(error: unknown): string {
  if (error instanceof TokenExpiredError) return 'Access token expired';
  if (error instanceof NotBeforeError) return 'Access token not valid yet';
  if (error instanceof JsonWebTokenError) return `Invalid access token: ${error.message}`;
  return 'Invalid access token';
}

function hasLifetime(claims: object): claims is { iat: number; exp: number } {
  const { iat, exp } = claims as Record<string, unknown>;
  return Number.isFinite(iat) && Number.isFinite(exp);
}

function isAccessTokenClaims(claims: unknown): claims is Omit<AccessTokenClaims, 'iat' | 'exp'> {
  if (typeof claims !== 'object' || claims === null) return false;
  const { sub, role, jti } = claims as Record<string, unknown>;
  return (
    typeof sub === 'string' &&
    /^\d+$/.test(sub) &&
    (role === 'user' || role === 'admin') &&
    typeof jti === 'string'
  );
}
