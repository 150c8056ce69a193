export { AuthModule } from './auth.module';
export { AccessTokens, type AccessToken, type AccessTokenClaims } from './access-tokens.service';
export { PasswordHasher } from './password-hasher.service';
export { Public, PUBLIC_ROUTE } from './public.decorator';
export { Roles } from './roles.decorator';
export { CurrentUser, type AuthenticatedUser } from './authenticated-user';
