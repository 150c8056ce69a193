export { AuthModule } from './auth.module';
export { AccessTokens, type AccessToken, type AccessTokenClaims } from './access-tokens.service';
export { PasswordHasher } from './password-hasher.service';
export { Public, PUBLIC_ROUTE } from './public.decorator';
export { Roles, REQUIRED_ROLES } from './roles.decorator';
export { RequiresScope, REQUIRED_SCOPE } from './requires-scope.decorator';
export { CurrentUser, type AuthenticatedUser } from './authenticated-user';
export { generateApiKey, type NewApiKey } from './api-key-format';
export { ApiKeyVerifier, type ApiKeyIdentity } from './api-key-verifier.service';
