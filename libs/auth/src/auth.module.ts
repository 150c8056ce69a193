/**
 * Authentication for an HTTP app: importing this module makes JwtAuthGuard and RolesGuard global
 * (in that order) and provides AccessTokens, PasswordHasher and ApiKeyVerifier. Needs
 * DatabaseModule's root.
 */
import { ApiKeyEntity, UserEntity } from '@beacon/database';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessTokens } from './access-tokens.service';
import { ApiKeyLastUse } from './api-key-last-use';
import { ApiKeyVerifier } from './api-key-verifier.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { PasswordHasher } from './password-hasher.service';
import { RolesGuard } from './roles.guard';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, ApiKeyEntity])],
  providers: [
    AccessTokens,
    PasswordHasher,
    ApiKeyLastUse,
    ApiKeyVerifier,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AccessTokens, PasswordHasher, ApiKeyVerifier],
})
export class AuthModule {}
