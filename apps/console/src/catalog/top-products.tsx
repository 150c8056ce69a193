/**
 * The most viewed products (GET /api/analytics/products/top) over a range of UTC days, the
 * last 30 unless the reader picks one, with how many to show.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { Alert } from '../components/alert';
import { DayRangeFields } from '../components/day-range-fields';
import { SubmitButton } from '../components/submit-button';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../components/form-errors';
import { TextField } from '../components/text-field';
import type { TopProducts as TopProductsBody } from './product';
import { TopProductsTable } from './top-products-table';

export function TopProducts({ api }: { api: ApiClient }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [limit, setLimit] = useState('10');
  const [top, setTop] = useState<TopProductsBody>();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    const query = new URLSearchParams(
      Object.entries({ from, to, limit }).filter(([, value]) => value !== ''),
    );
    setBusy(true);
    try {
      const answer = await api.call<TopProductsBody>('GET', `/api/analytics/products/top?${query}`);
      // The range the API chose when none was given fills the empty date fields; a date typed
      // while the first answer was on its way stays.
      setFrom((typed) => typed || answer.from);
      setTo((typed) => typed || answer.to);
      setTop(answer);
      setErrors(NO_ERRORS);
    } catch (error) {
      setErrors(formErrorsOf(error));
    }
    setBusy(false);
  };

  useEffect(() => void load(), [api]);

  const submit = (event: Event) => {
    event.preventDefault();
    if (!busy) void load();
  };

  return (
    <section aria-labelledby="top-products-heading">
      <h2 id="top-products-heading">Top products</h2>
      <form class="top-range" onSubmit={submit} noValidate aria-label="Range of the ranking">
        <Alert message={errors.general} />
        <div class="field-row">
          <DayRangeFields from={from} to={to} onFrom={setFrom} onTo={setTo} errors={errors} />
          <TextField
            name="limit"
            label="How many"
            type="number"
            value={limit}
            onInput={setLimit}
            error={errors.fields.limit}
          />
        </div>
        <SubmitButton busy={busy}>Show top products</SubmitButton>
      </form>
      <TopProductsResult top={top} />
    </section>
  );
}

function TopProductsResult({ top }: { top?: TopProductsBody }) {
  if (!top) return <p aria-busy="true">Loading the ranking…</p>;
  const range = `from ${top.from} to ${top.to}`;
  if (top.items.length === 0) return <p class="empty">No product views {range} yet.</p>;
  return (
    <>
      <p>Most viewed {range}:</p>
      <TopProductsTable items={top.items} />
    </>
  );
}
