/**
 * For admins: the catalog's products (add, search, page through, edit) and the top products.
 * One form at a time, the add form or the edit form of the product picked; after an edit, focus
 * goes back to the Edit button that opened it.
 */
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import type { Product } from './product';
import { ProductForm } from './product-form';
import { ProductList } from './product-list';
import { TopProducts } from './top-products';
import './catalog.css';

export function ProductsPage({ api }: { api: ApiClient }) {
  const [editing, setEditing] = useState<{ product: Product; opener: Element | null }>();
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState('');

  const edit = (product: Product) => {
    setStatus('');
    setEditing({ product, opener: document.activeElement });
  };

  const closeEdit = () => {
    const opener = editing?.opener;
    setEditing(undefined);
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  };

  const saved = (product: Product) => {
    setStatus(editing ? `Saved “${product.name}”.` : `Added “${product.name}”.`);
    setVersion(version + 1);
    closeEdit();
  };

  return (
    <>
      <h1>Products</h1>
      <ProductForm
        key={editing?.product.id ?? 'new'}
        api={api}
        editing={editing?.product}
        onSaved={saved}
        onCancel={closeEdit}
      />
      <p class="catalog-status" aria-live="polite">
        {status}
      </p>
      <ProductList api={api} version={version} onEdit={edit} />
      <TopProducts api={api} />
    </>
  );
}
