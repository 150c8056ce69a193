/**
 * Imports links from a CSV stream, one row at a time as the body arrives (never the whole file
 * in memory): each data row is one `LinksService.create`, its own transaction, so a row either
 * becomes a whole link or nothing, and a bad row (invalid, or its slug taken) is reported and
 * the next one goes on. The import stops early, keeping what it created, when the file has more
 * than MAX_IMPORT_ROWS rows, exceeds the body limit, or stops being readable CSV. Failures that
 * are not the row's fault (the database down) fail the request.
 */
import type { AuthenticatedUser } from '@beacon/auth';
import { Injectable } from '@nestjs/common';
import { CsvError, parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { BodyTooLargeError } from '../request-bodies/request-body-parsers';
import { DomainError, RequestValidationError, type FieldError } from '../errors/domain.error';
import type { CreateLinkInput } from '../links/link.schemas';
import { LinksService } from '../links/links.service';
import { importColumns, type ImportColumns } from './import-columns';
import { importRow, type ImportRow } from './import-row';
import { ImportTooLargeError, MalformedCsvError } from './link-import.errors';

export const MAX_IMPORT_ROWS = 10_000;
/** Far above any valid row (a URL is at most 2,048 characters); bounds an unclosed quote. */
const MAX_RECORD_CHARACTERS = 16 * 1024;

export type ImportRowResult =
  | { row: number; status: 'created'; slug: string }
  | { row: number; status: 'error'; message: string; fields: FieldError[] };

export interface ImportReport {
  rows: ImportRowResult[];
  created: number;
  failed: number;
  /** Set when the import stopped before the end of the file. */
  stoppedBy?: DomainError;
}

@Injectable()
export class LinkImportService {
  constructor(private readonly links: LinksService) {}

  async import(csv: Readable, owner: AuthenticatedUser): Promise<ImportReport> {
    const parser = parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_CHARACTERS,
    });
    csv.on('error', (error) => parser.destroy(error));
    csv.pipe(parser);
    const report: ImportReport = { rows: [], created: 0, failed: 0 };
    let columns: ImportColumns | undefined;
    let dataRows = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        if (!columns) {
          columns = importColumns(record);
          continue;
        }
        dataRows += 1;
        const row = dataRows + 1; // as a spreadsheet numbers it: the header is row 1
        if (dataRows > MAX_IMPORT_ROWS) {
          report.stoppedBy = new ImportTooLargeError(
            `At most ${MAX_IMPORT_ROWS} rows per import: row ${row} and those after it were not imported`,
          );
          break;
        }
        await this.importOne(row, importRow(record, columns), owner, report);
      }
    } catch (error) {
      report.stoppedBy = stopReason(error);
    } finally {
      // The rest of the body, if any, is read and dropped, so the answer can still be sent.
      csv.unpipe(parser);
      csv.resume();
    }
    if (!columns && !report.stoppedBy) {
      report.stoppedBy = new MalformedCsvError('a header row is required');
    }
    return report;
  }

  private async importOne(
    row: number,
    parsed: ImportRow,
    owner: AuthenticatedUser,
    report: ImportReport,
  ): Promise<void> {
    const outcome =
      'input' in parsed
        ? await this.create(row, parsed.input, owner)
        : rowError(row, parsed.fields);
    report.rows.push(outcome);
    if (outcome.status === 'created') report.created += 1;
    else report.failed += 1;
  }

  private async create(
    row: number,
    input: CreateLinkInput,
    owner: AuthenticatedUser,
  ): Promise<ImportRowResult> {
    try {
      const { link } = await this.links.create(input, owner);
      return { row, status: 'created', slug: link.slug };
    } catch (error) {
      if (!isRowError(error)) throw error;
      const fields =
        error instanceof RequestValidationError
          ? error.fields
          : [{ field: 'slug', message: 'is already taken' }];
      return rowError(row, fields, error.message);
    }
  }
}

function rowError(row: number, fields: FieldError[], message?: string): ImportRowResult {
  return {
    row,
    status: 'error',
    message: message ?? fields.map((f) => `${f.field}: ${f.message}`).join('; '),
    fields,
  };
}

/** The row's own fault (invalid, slug taken), as opposed to the service's (database down). */
function isRowError(error: unknown): error is DomainError {
  return (
    error instanceof DomainError &&
    (error.code === 'VALIDATION_FAILED' || error.code === 'SLUG_TAKEN')
  );
}

function stopReason(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof CsvError) return new MalformedCsvError(error.message);
  if (error instanceof BodyTooLargeError) {
    return new ImportTooLargeError(`${error.message}: the rows after this point were not imported`);
  }
  throw error;
}
