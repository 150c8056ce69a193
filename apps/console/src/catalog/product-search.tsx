/** The catalog's search box: full text over names and descriptions; empty lists everything. */
import { useState } from 'preact/hooks';
import { TextField } from '../components/text-field';

interface ProductSearchProps {
  onSearch: (text: string) => void;
  error?: string;
}

export function ProductSearch({ onSearch, error }: ProductSearchProps) {
  const [text, setText] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    onSearch(text.trim());
  };
  return (
    <form role="search" class="product-search" onSubmit={submit} noValidate>
      <TextField
        name="q"
        label="Search products"
        type="search"
        value={text}
        onInput={setText}
        error={error}
      />
      <button type="submit">Search</button>
    </form>
  );
}
