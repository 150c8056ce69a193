/** Accounts and sessions (`/auth`); the guards themselves come from @beacon/auth's AuthModule. */
import { AuthModule } from '@beacon/auth';
import { RefreshTokenEntity, UserEntity } from '@beacon/database';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '../outbox/outbox.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RefreshTokens } from './refresh-tokens.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, RefreshTokenEntity]), AuthModule, OutboxModule],
  controllers: [AuthController],
  providers: [AuthService, RefreshTokens],
})
export class IdentityModule {}
