/**
 * A search box's text as a MySQL FULLTEXT query in boolean mode. Boolean mode gives operators
 * (`+ - < > ( ) ~ * " @`) a meaning, so the user's text must never reach it as is: it is cut
 * into words of letters and digits, and each becomes `+word*` (every word required, as a
 * prefix). The result goes into the query as a bound parameter, never into the SQL text.
 */
const MAX_WORDS = 10;

/** null when the text has no searchable word (nothing can match). */
export function booleanModeQuery(text: string): string | null {
  const words = text
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  return words.map((word) => `+${word}*`).join(' ');
}
