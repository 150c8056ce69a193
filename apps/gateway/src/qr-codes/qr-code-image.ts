/**
 * Draws a QR code with the `qrcode` package: SVG (a vector, `size` only sets its width and
 * height) or PNG of exactly `size` pixels a side. Error correction level M (15% of the code may
 * be damaged), the package's default and the usual choice for printed links.
 */
import QRCode from 'qrcode';
import { RequestValidationError } from '../errors/domain.error';
import type { QrCodeQuery } from './qr-code.schemas';

export interface QrCodeImage {
  contentType: 'image/svg+xml' | 'image/png';
  body: string | Buffer;
}

const ERROR_CORRECTION = 'M';

export async function drawQrCode(
  text: string,
  { format, size, margin }: QrCodeQuery,
): Promise<QrCodeImage> {
  checkFits(text, size, margin);
  if (format === 'svg') {
    const svg = await QRCode.toString(text, {
      type: 'svg',
      errorCorrectionLevel: ERROR_CORRECTION,
      width: size,
      margin,
    });
    return { contentType: 'image/svg+xml', body: svg };
  }
  const png = await QRCode.toBuffer(text, {
    type: 'png',
    errorCorrectionLevel: ERROR_CORRECTION,
    // qrcode draws floor(modules × (width / modules)) pixels, which floating point sometimes
    // puts one short of `width`; half a pixel more lands on `size` exactly.
    width: size + 0.5,
    margin,
  });
  return { contentType: 'image/png', body: png };
}

/**
 * A module must get at least one pixel: below that, qrcode would silently draw a larger image
 * than asked, so a size too small for this code (and margin) is refused instead.
 */
function checkFits(text: string, size: number, margin: number): void {
  const modules = QRCode.create(text, { errorCorrectionLevel: ERROR_CORRECTION }).modules.size;
  const needed = modules + 2 * margin;
  if (size >= needed) return;
  throw new RequestValidationError([
    {
      field: 'size',
      message: `must be at least ${needed} for this link's code with margin ${margin}`,
    },
  ]);
}
