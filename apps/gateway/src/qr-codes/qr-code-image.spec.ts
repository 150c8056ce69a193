import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { RequestValidationError } from '../errors/domain.error';
import { drawQrCode } from './qr-code-image';

const TEXT = 'https://sho.rt/summer-sale?qr=1';

async function decodePng(body: string | Buffer): Promise<{ width: number; text?: string }> {
  const png = PNG.sync.read(body as Buffer);
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(png.height).toBe(png.width);
  return { width: png.width, text: code?.data };
}

describe('drawQrCode', () => {
  it('draws a PNG that decodes to the text', async () => {
    const image = await drawQrCode(TEXT, { format: 'png', size: 256, margin: 4 });
    expect(image.contentType).toBe('image/png');
    expect(await decodePng(image.body)).toEqual({ width: 256, text: TEXT });
  });

  // Sizes where qrcode's own arithmetic (modules × size / modules, floored) falls one pixel short.
  it.each([
    [118, 0],
    [255, 0],
    [510, 0],
    [64, 0],
    [1024, 16],
  ])('draws a PNG of exactly %i pixels with margin %i', async (size, margin) => {
    const image = await drawQrCode(TEXT, { format: 'png', size, margin });
    expect(PNG.sync.read(image.body as Buffer).width).toBe(size);
  });

  it("draws an SVG of the code's modules, sized in pixels", async () => {
    const image = await drawQrCode(TEXT, { format: 'svg', size: 300, margin: 2 });
    const modules = QRCode.create(TEXT, { errorCorrectionLevel: 'M' }).modules.size;
    expect(image.contentType).toBe('image/svg+xml');
    expect(image.body).toContain('width="300" height="300"');
    expect(image.body).toContain(`viewBox="0 0 ${modules + 4} ${modules + 4}"`);
  });

  it('refuses a size that would give a module less than a pixel', async () => {
    const modules = QRCode.create(TEXT, { errorCorrectionLevel: 'M' }).modules.size;
    const tooSmall = drawQrCode(TEXT, { format: 'png', size: modules + 31, margin: 16 });
    await expect(tooSmall).rejects.toBeInstanceOf(RequestValidationError);
    await expect(tooSmall).rejects.toMatchObject({
      fields: [
        {
          field: 'size',
          message: `must be at least ${modules + 32} for this link's code with margin 16`,
        },
      ],
    });
  });
});
