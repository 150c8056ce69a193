/** One page of products, each with its Edit button, in a region that scrolls on narrow screens. */
import { ScrollRegion } from '../components/scroll-region';
import type { Product } from './product';

interface ProductTableProps {
  products: Product[];
  onEdit: (product: Product) => void;
}

export function ProductTable({ products, onEdit }: ProductTableProps) {
  return (
    <ScrollRegion label="Product table">
      <table class="catalog-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">SKU</th>
            <th scope="col">Category</th>
            <th scope="col" class="number">
              Price
            </th>
            <th scope="col" class="number">
              Stock
            </th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {products.map((product) => (
            <tr key={product.id}>
              <td class="product-name">{product.name}</td>
              <td>
                <code>{product.sku}</code>
              </td>
              <td>{product.category}</td>
              <td class="number">{product.price.toFixed(2)}</td>
              <td class="number">{product.stock}</td>
              <td>
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Edit ${product.name}`}
                  onClick={() => onEdit(product)}
                >
                  Edit
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
