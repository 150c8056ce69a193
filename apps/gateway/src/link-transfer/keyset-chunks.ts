/**
 * Reads a long result in chunks by keyset pagination (each chunk starts after the last row of
 * the one before, so every chunk is an index range scan, however deep the export goes), one
 * chunk at a time as the consumer asks: an export's memory is one chunk, not the whole table.
 */
export const EXPORT_CHUNK_ROWS = 1000;

export async function* keysetChunks<Row>(
  readChunk: (after: Row | undefined, limit: number) => Promise<Row[]>,
): AsyncGenerator<Row> {
  let after: Row | undefined;
  for (;;) {
    const rows = await readChunk(after, EXPORT_CHUNK_ROWS);
    yield* rows;
    if (rows.length < EXPORT_CHUNK_ROWS) return;
    after = rows[rows.length - 1];
  }
}
