/**
 * The `tags` cell of an import row: tags separated by `|` (a spreadsheet keeps it in one cell
 * unquoted, and no tag can contain it). The create schema validates them as `POST /api/links`
 * does (lower-cased, at most 10).
 */
export const TAG_SEPARATOR = '|';

export function tagsFromCell(cell: string): string[] {
  return cell
    .split(TAG_SEPARATOR)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}
