/**
 * Adds a product (POST /api/products) or, given one, changes it (PATCH /api/products/:id; the
 * sku stays). The API's message for each field shows beside it; a taken sku beside the sku.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { Alert } from '../components/alert';
import { SubmitButton } from '../components/submit-button';
import { useFormSubmit } from '../components/use-form-submit';
import { formErrorsOf, type FormErrors } from '../components/form-errors';
import { TextField } from '../components/text-field';
import type { Product } from './product';
import {
  createBodyOf,
  draftOf,
  EMPTY_DRAFT,
  updateBodyOf,
  type ProductDraft,
} from './product-draft';

interface ProductFormProps {
  api: ApiClient;
  editing?: Product;
  onSaved: (product: Product) => void;
  onCancel: () => void;
}

export function ProductForm({ api, editing, onSaved, onCancel }: ProductFormProps) {
  const [draft, setDraft] = useState<ProductDraft>(editing ? draftOf(editing) : EMPTY_DRAFT);
  const { errors, busy, submit } = useFormSubmit(async () => {
    const saved = editing
      ? await api.call<Product>('PATCH', `/api/products/${editing.id}`, updateBodyOf(draft))
      : await api.call<Product>('POST', '/api/products', createBodyOf(draft));
    setDraft(EMPTY_DRAFT);
    onSaved(saved);
  }, errorsOf);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (editing) heading.current?.focus();
  }, [editing]);

  const field = (name: keyof ProductDraft) => ({
    name,
    value: draft[name],
    onInput: (value: string) => setDraft({ ...draft, [name]: value }),
    error: errors.fields[name],
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="product-form-heading">
      <h2 id="product-form-heading" ref={heading} tabIndex={-1}>
        {editing ? `Edit “${editing.name}”` : 'Add a product'}
      </h2>
      <Alert message={errors.general} />
      {editing ? (
        <p>
          SKU <code>{editing.sku}</code> (it never changes)
        </p>
      ) : (
        <TextField
          {...field('sku')}
          label="SKU"
          hint="1 to 64 letters, digits, . _ or -."
          required
        />
      )}
      <TextField {...field('name')} label="Name" required />
      <TextField {...field('description')} label="Description (optional)" />
      <TextField
        {...field('category')}
        label="Category"
        hint="Lower-case letters, digits or -, e.g. kitchen."
        required
      />
      <div class="field-row">
        <TextField {...field('price')} label="Price" type="number" required />
        <TextField {...field('stock')} label="Stock" type="number" />
      </div>
      <div class="form-actions">
        <SubmitButton busy={busy}>{editing ? 'Save changes' : 'Add product'}</SubmitButton>
        {editing && (
          <button type="button" class="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** A taken sku (409) is the sku field's error, not the whole form's. */
function errorsOf(error: unknown): FormErrors {
  if (error instanceof ApiError && error.status === 409) {
    return { fields: { sku: error.message } };
  }
  return formErrorsOf(error);
}
