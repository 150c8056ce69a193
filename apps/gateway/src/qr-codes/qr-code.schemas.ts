/** `?format=&size=&margin=` of `GET /api/links/:slug/qr`; each bad value is a 400 naming it. */
import { z } from 'zod';

/**
 * Pixels a side. The PNG is drawn on the event loop (50–90 ms at 1024 px on a 2-core machine,
 * three to four times that at 2048), so the bound keeps one request from stalling the redirects.
 */
export const MIN_QR_SIZE = 64;
export const MAX_QR_SIZE = 1024;
/** Quiet zone in modules: 4 is what the QR standard asks for, 0 for a layout that has its own. */
export const MAX_QR_MARGIN = 16;

/** A query parameter holding one integer from `min` to `max`, `fallback` when absent. */
const integerParameter = (fallback: number, min: number, max: number) =>
  z
    .string({ error: 'must be one integer' })
    .regex(/^\d{1,9}$/, 'must be an integer')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .default(fallback);

export const qrCodeQuerySchema = z.object({
  format: z.enum(['svg', 'png'], { error: 'must be svg or png' }).default('svg'),
  size: integerParameter(256, MIN_QR_SIZE, MAX_QR_SIZE),
  margin: integerParameter(4, 0, MAX_QR_MARGIN),
});

export type QrCodeQuery = z.infer<typeof qrCodeQuerySchema>;
