/**
 * What `POST /api/links/import` answers: one result per data row and the totals; when the
 * import stopped early (a file too large, broken CSV), the error body's fields as well, with
 * the rows it handled before stopping. The schemas are the API document's.
 */
import { z } from 'zod';
import { errorBodySchema } from '../openapi/error-body.schema';

const rowResultSchema = z.discriminatedUnion('status', [
  z.strictObject({ row: z.int().min(1), status: z.literal('created'), slug: z.string() }),
  z.strictObject({
    row: z.int().min(1),
    status: z.literal('error'),
    message: z.string(),
    fields: z.array(z.strictObject({ field: z.string(), message: z.string() })),
  }),
]);

const reportShape = {
  rows: z.array(rowResultSchema).describe('Row 1 is the first line after the header'),
  created: z.int().min(0),
  failed: z.int().min(0),
};

export const importReportSchema = z.strictObject(reportShape);

export const stoppedImportSchema = errorBodySchema.extend(reportShape);
