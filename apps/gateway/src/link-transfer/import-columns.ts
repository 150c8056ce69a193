/**
 * The header row of a links import: which column holds which field. `url` is required; `slug`,
 * `expiresAt`, `maxVisits` and `tags` are optional; the export's own columns (`shortUrl`,
 * `createdAt`, `visits`) are accepted and ignored, so an export imports as it is. Any other name
 * refuses the whole file before a row is created: a misspelt column would silently drop a field.
 */
import { RequestValidationError } from '../errors/domain.error';

export const IMPORT_FIELDS = ['url', 'slug', 'expiresAt', 'maxVisits', 'tags'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const EXPORT_ONLY_COLUMNS = new Set(['shortUrl', 'createdAt', 'visits']);

/** Field name → the column index holding it. */
export type ImportColumns = Partial<Record<ImportField, number>> & { count: number };

export function importColumns(header: readonly string[]): ImportColumns {
  const columns: ImportColumns = { count: header.length };
  const problems: string[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim();
    if (EXPORT_ONLY_COLUMNS.has(name)) return;
    if (!isImportField(name)) problems.push(`unknown column ${JSON.stringify(name)}`);
    else if (columns[name] !== undefined) problems.push(`column ${name} appears twice`);
    else columns[name] = index;
  });
  if (columns.url === undefined) problems.push('a url column is required');
  if (problems.length > 0) {
    throw new RequestValidationError([
      {
        field: '(header)',
        message: `${problems.join('; ')} (columns: ${IMPORT_FIELDS.join(', ')})`,
      },
    ]);
  }
  return columns;
}

function isImportField(name: string): name is ImportField {
  return (IMPORT_FIELDS as readonly string[]).includes(name);
}
