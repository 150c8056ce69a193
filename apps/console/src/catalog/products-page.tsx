/** For admins: the catalog's products (list, search, create, edit) and the top products. */
import type { ApiClient } from '../api/api-client';

export function ProductsPage(_props: { api: ApiClient }) {
  return <h1>Products</h1>;
}
