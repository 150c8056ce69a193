/**
 * The `tags` cell of an import row: tags separated by `|` (a spreadsheet keeps it in one cell
 * unquoted, and no tag can contain it). Links have no tags until the tags feature lands: until
 * the create schema has a `tags` field, a non-empty cell is that row's error, not silently lost.
 */
import type { FieldError } from '../errors/domain.error';
import { createLinkSchema } from '../links/link.schemas';

export const TAG_SEPARATOR = '|';

const tagsSupported = 'tags' in createLinkSchema.shape;

export function tagsFromCell(cell: string): { tags: string[] } | { fields: FieldError[] } {
  if (!tagsSupported) {
    return { fields: [{ field: 'tags', message: 'tags are not supported yet' }] };
  }
  const tags = cell
    .split(TAG_SEPARATOR)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  return { tags };
}
