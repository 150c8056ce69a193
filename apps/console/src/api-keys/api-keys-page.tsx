/** The caller's API keys: create one with scopes (its secret shown once), list, revoke. */
import type { ApiClient } from '../api/api-client';

export function ApiKeysPage(_props: { api: ApiClient }) {
  return <h1>API keys</h1>;
}
