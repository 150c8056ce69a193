/**
 * One data row of a links import, turned into the body `POST /api/links` would receive and
 * validated by the very same schema: a row is valid exactly when that request would be.
 * Empty cells leave their field out; `maxVisits` is read as a number only when it is one.
 */
import type { FieldError } from '../errors/domain.error';
import { createLinkSchema, type CreateLinkInput } from '../links/link.schemas';
import { unprotectCell } from './csv-format';
import { IMPORT_FIELDS, type ImportColumns } from './import-columns';
import { tagsFromCell } from './import-tags';

export type ImportRow = { input: CreateLinkInput } | { fields: FieldError[] };

export function importRow(record: readonly string[], columns: ImportColumns): ImportRow {
  if (record.length !== columns.count) {
    return {
      fields: [
        {
          field: '(row)',
          message: `has ${record.length} cells, the header has ${columns.count}`,
        },
      ],
    };
  }
  const body: Record<string, unknown> = {};
  for (const field of IMPORT_FIELDS) {
    const index = columns[field];
    const cell = index === undefined ? '' : unprotectCell(record[index]!.trim());
    if (cell !== '') body[field] = cell;
  }
  if (typeof body.maxVisits === 'string' && /^\d+$/.test(body.maxVisits)) {
    body.maxVisits = Number(body.maxVisits);
  }
  if (typeof body.tags === 'string') body.tags = tagsFromCell(body.tags);
  const parsed = createLinkSchema.safeParse(body);
  if (parsed.success) return { input: parsed.data };
  return {
    fields: parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(row)',
      message: issue.message,
    })),
  };
}
