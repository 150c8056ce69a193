/** A CSV download: records pulled from a generator only as fast as the client reads them. */
import { StreamableFile } from '@nestjs/common';
import { pipeline, Readable } from 'node:stream';
import { csvWriter } from './csv-format';

export type CsvRecord = Record<string, string | null>;

export function csvDownload(
  fileName: string,
  columns: readonly string[],
  records: AsyncIterable<CsvRecord>,
): StreamableFile {
  // pipeline, not pipe: a failed read mid-way ends the download (and a closed download stops
  // the reads) instead of leaving the response open forever.
  const csv = pipeline(Readable.from(records), csvWriter(columns), () => undefined);
  return new StreamableFile(csv, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${fileName}"`,
  });
}
