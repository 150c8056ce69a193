/**
 * The CSV dialect of the link exports and imports: RFC 4180 (comma, double quotes doubled inside
 * quoted cells, CRLF between records, cells holding a comma, quote or line break quoted), and no
 * cell a spreadsheet would run as a formula.
 */
import { stringify, type Stringifier } from 'csv-stringify';

/** What a spreadsheet may take for a formula at the start of a cell (fullwidth forms included). */
const FORMULA_LEAD = /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;

/**
 * A CSV writer of records whose values are strings or null (empty cell). `escape_formulas`
 * prefixes `'` to every cell starting with `=`, `+`, `-`, `@`, tab or CR (OWASP's CSV injection
 * advice): a spreadsheet shows the text instead of running it. Values are strings on purpose:
 * csv-stringify leaves a leading `-` alone on numbers, and would write dates as epoch numbers.
 */
export function csvWriter(columns: readonly string[]): Stringifier {
  return stringify({
    header: true,
    columns: [...columns],
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
  });
}

/** Undoes the export's formula protection, so that an exported cell imports as it was. */
export function unprotectCell(cell: string): string {
  return FORMULA_LEAD.test(cell) ? cell.slice(1) : cell;
}
