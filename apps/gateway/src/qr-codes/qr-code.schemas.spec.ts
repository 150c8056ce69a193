import { describe, expect, it } from 'vitest';
import { MAX_QR_MARGIN, MAX_QR_SIZE, MIN_QR_SIZE, qrCodeQuerySchema } from './qr-code.schemas';

describe('qrCodeQuerySchema', () => {
  it('defaults to a 256-pixel SVG with the standard quiet zone', () => {
    expect(qrCodeQuerySchema.parse({})).toEqual({ format: 'svg', size: 256, margin: 4 });
  });

  it('accepts the bounds', () => {
    expect(qrCodeQuerySchema.parse({ format: 'png', size: `${MIN_QR_SIZE}`, margin: '0' })).toEqual(
      { format: 'png', size: MIN_QR_SIZE, margin: 0 },
    );
    expect(
      qrCodeQuerySchema.parse({ size: `${MAX_QR_SIZE}`, margin: `${MAX_QR_MARGIN}` }),
    ).toMatchObject({ size: MAX_QR_SIZE, margin: MAX_QR_MARGIN });
  });

  it.each([
    [{ format: 'gif' }, 'format', 'must be svg or png'],
    [{ format: ['svg', 'png'] }, 'format', 'must be svg or png'],
    [{ size: `${MIN_QR_SIZE - 1}` }, 'size', `must be at least ${MIN_QR_SIZE}`],
    [{ size: `${MAX_QR_SIZE + 1}` }, 'size', `must be at most ${MAX_QR_SIZE}`],
    [{ size: '256.5' }, 'size', 'must be an integer'],
    [{ size: '-1' }, 'size', 'must be an integer'],
    [{ size: ['256', '512'] }, 'size', 'must be one integer'],
    [{ margin: `${MAX_QR_MARGIN + 1}` }, 'margin', `must be at most ${MAX_QR_MARGIN}`],
    [{ margin: 'four' }, 'margin', 'must be an integer'],
  ])('rejects %j on %s', (query, field, message) => {
    const issue = qrCodeQuerySchema.safeParse(query).error?.issues[0];
    expect(issue?.path).toEqual([field]);
    expect(issue?.message).toBe(message);
  });
});
