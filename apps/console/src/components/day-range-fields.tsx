/** The two dates of a range of UTC days (the API's `from` and `to`), each with its message. */
import type { FormErrors } from './form-errors';
import { TextField } from './text-field';

interface DayRangeFieldsProps {
  from: string;
  to: string;
  onFrom: (day: string) => void;
  onTo: (day: string) => void;
  errors: FormErrors;
}

export function DayRangeFields({ from, to, onFrom, onTo, errors }: DayRangeFieldsProps) {
  return (
    <>
      <TextField
        name="from"
        label="From (UTC day)"
        type="date"
        value={from}
        onInput={onFrom}
        error={errors.fields.from}
      />
      <TextField
        name="to"
        label="To (UTC day)"
        type="date"
        value={to}
        onInput={onTo}
        error={errors.fields.to}
      />
    </>
  );
}
