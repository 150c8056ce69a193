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
import { ApiOperation, ApiTag } from '../openapi/api-operation.decorator';
import { AuthService } from './auth.service';
import { currentUserSchema, sessionSchema, type Session } from './session.view';

const CREDENTIALS_EXAMPLE = { email: 'ada@example.com', password: 'correct horse battery' };

@ApiTag('Identity')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @AuthAttempt()
  @Post('register')
  @ApiOperation({
    summary: 'Create an account and sign in',
    description: 'Passwords take at least 10 characters.',
    bodyExample: CREDENTIALS_EXAMPLE,
    responses: { 201: { description: 'Signed in', schema: sessionSchema } },
    errors: { 409: 'The email is taken' },
  })
  register(@Body({ schema: registerSchema }) credentials: Credentials): Promise<Session> {
    return this.auth.register(credentials);
  }

  @Public()
  @AuthAttempt()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in',
    bodyExample: CREDENTIALS_EXAMPLE,
    responses: { 200: { description: 'Signed in', schema: sessionSchema } },
    errors: { 401: 'Wrong email or password' },
  })
  login(@Body({ schema: loginSchema }) credentials: Credentials): Promise<Session> {
    return this.auth.login(credentials);
  }

  @Public()
  @AuthAttempt()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Trade a refresh token for a new pair',
    description: 'The refresh token is used up; presenting it again ends the whole login.',
    responses: { 200: { description: 'New tokens', schema: sessionSchema } },
    errors: { 401: 'Unknown, used or expired refresh token' },
  })
  refresh(@Body({ schema: refreshTokenSchema }) input: RefreshTokenInput): Promise<Session> {
    return this.auth.refresh(input.refreshToken);
  }

  /** Ends the login the refresh token belongs to; answers 204 whether or not it was known. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out (end the login of this refresh token)',
    responses: { 204: { description: 'Signed out, whether or not the token was known' } },
  })
  async logout(@Body({ schema: refreshTokenSchema }) input: RefreshTokenInput): Promise<void> {
    await this.auth.logout(input.refreshToken);
  }

  @Get('me')
  @ApiOperation({
    summary: 'Who the access token belongs to',
    responses: { 200: { description: 'The caller', schema: currentUserSchema } },
  })
  me(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }
}
