/**
 * The catalog as GET /api/products pages it: the search box, the page's products, the pager.
 * `version` changes after each save, so the list is read again (a new product may land on any
 * page, and the API's cache is already evicted by then). The rows shown stay until the new ones
 * arrive, so the focused Edit button survives a reload; an answer overtaken by a newer query is
 * dropped.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { Alert } from '../components/alert';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../components/form-errors';
import { Pager } from '../components/pager';
import type { Product, ProductPage } from './product';
import { ProductSearch } from './product-search';
import { ProductTable } from './product-table';

const PAGE_SIZE = 20;

interface ProductListProps {
  api: ApiClient;
  version: number;
  onEdit: (product: Product) => void;
}

/** A page of products and the search it answers. */
interface Shown {
  page: ProductPage;
  search: string;
}

export function ProductList({ api, version, onEdit }: ProductListProps) {
  const [search, setSearch] = useState('');
  const [pageNumber, setPageNumber] = useState(1);
  const [shown, setShown] = useState<Shown>();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let current = true;
    const query = new URLSearchParams({ page: String(pageNumber), limit: String(PAGE_SIZE) });
    if (search) query.set('q', search);
    setLoading(true);
    api.call<ProductPage>('GET', `/api/products?${query}`).then(
      (page) => {
        if (!current) return;
        setShown({ page, search });
        setErrors(NO_ERRORS);
        setLoading(false);
      },
      (error: unknown) => {
        if (!current) return;
        setErrors(formErrorsOf(error));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [api, search, pageNumber, version]);

  const searchFor = (text: string) => {
    setSearch(text);
    setPageNumber(1);
  };
  const failed = Boolean(errors.general || errors.fields.q);

  return (
    <section aria-labelledby="product-list-heading" aria-busy={loading}>
      <h2 id="product-list-heading">All products</h2>
      <ProductSearch onSearch={searchFor} error={errors.fields.q} />
      <Alert message={errors.general} />
      <p class="catalog-status" aria-live="polite">
        {shown && !failed && summaryOf(shown)}
      </p>
      {!shown && !failed && <p>Loading products…</p>}
      {shown && !failed && shown.page.items.length > 0 && (
        <>
          <ProductTable products={shown.page.items} onEdit={onEdit} />
          <Pager label="Pages of products" {...shown.page} onPage={setPageNumber} />
        </>
      )}
    </section>
  );
}

function summaryOf({ page: { total }, search }: Shown): string {
  if (total === 0) {
    return search ? `No product matches “${search}”.` : 'No products yet. Add the first one above.';
  }
  const found = total === 1 ? '1 product' : `${total} products`;
  return search ? `${found} found for “${search}”.` : `${found} in the catalog.`;
}
