/**
 * Authentication for an HTTP app: importing this module makes JwtAuthGuard and RolesGuard global
 * (in that order) and provides AccessTokens and PasswordHasher. Needs DatabaseModule's root.
 */
import { UserEntity } from '@beacon/database';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessTokens } from './access-tokens.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { PasswordHasher } from './password-hasher.service';
import { RolesGuard } from './roles.guard';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  providers: [
    AccessTokens,
    PasswordHasher,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AccessTokens, PasswordHasher],
})
export class AuthModule {}
