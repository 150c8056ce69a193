/** Domain errors of the catalog. */
import { DomainError } from '../errors/domain.error';

export class ProductNotFoundError extends DomainError {
  constructor(id: string) {
    super('PRODUCT_NOT_FOUND', `No product with id ${id}`);
  }
}

export class SkuTakenError extends DomainError {
  constructor(sku: string) {
    super('SKU_TAKEN', `A product with sku ${sku} already exists`);
  }
}
