/** The ranking: most viewed first, with each product's views. */
import { ScrollRegion } from '../components/scroll-region';
import type { TopProduct } from './product';

export function TopProductsTable({ items }: { items: TopProduct[] }) {
  return (
    <ScrollRegion label="Top products ranking">
      <table class="catalog-table">
        <thead>
          <tr>
            <th scope="col" class="number">
              Rank
            </th>
            <th scope="col">Name</th>
            <th scope="col">SKU</th>
            <th scope="col">Category</th>
            <th scope="col" class="number">
              Views
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <tr key={item.productId}>
              <td class="number">{index + 1}</td>
              <td class="product-name">{item.name}</td>
              <td>
                <code>{item.sku}</code>
              </td>
              <td>{item.category}</td>
              <td class="number">{item.views}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
