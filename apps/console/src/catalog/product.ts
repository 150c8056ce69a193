/** A product as /api/products shows it, a page of them, and the top products' answer. */
export interface Product {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  price: number;
  stock: number;
}

export interface ProductPage {
  items: Product[];
  page: number;
  limit: number;
  total: number;
}

export interface TopProduct {
  productId: string;
  sku: string;
  name: string;
  category: string;
  views: number;
}

export interface TopProducts {
  from: string;
  to: string;
  items: TopProduct[];
}
