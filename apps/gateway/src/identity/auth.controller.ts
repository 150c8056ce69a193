/**
 * `/auth`: register, login, refresh, logout (public; register, login and refresh also get the
 * stricter `@AuthAttempt()` rate limit) and `me` (needs the access token).
 */
import { CurrentUser, Public, type AuthenticatedUser } from '@beacon/auth';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { AuthAttempt } from '../rate-limits/auth-attempt.decorator';
import {
  loginSchema,
  refreshTokenSchema,
  registerSchema,
  type Credentials,
  type RefreshTokenInput,
} from './auth.schemas';
import { AuthService, type Session } from './auth.service';

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @AuthAttempt()
  @Post('register')
  register(@Body({ schema: registerSchema }) credentials: Credentials): Promise<Session> {
    return this.auth.register(credentials);
  }

  @Public()
  @AuthAttempt()
  @Post('login')
  @HttpCode(200)
  login(@Body({ schema: loginSchema }) credentials: Credentials): Promise<Session> {
    return this.auth.login(credentials);
  }

  @Public()
  @AuthAttempt()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body({ schema: refreshTokenSchema }) input: RefreshTokenInput): Promise<Session> {
    return this.auth.refresh(input.refreshToken);
  }

  /** Ends the login the refresh token belongs to; answers 204 whether or not it was known. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Body({ schema: refreshTokenSchema }) input: RefreshTokenInput): Promise<void> {
    await this.auth.logout(input.refreshToken);
  }

  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }
}
