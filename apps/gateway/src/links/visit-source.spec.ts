import { describe, expect, it } from 'vitest';
import { qrScanUrl, visitSourceOf } from './visit-source';

describe('visitSourceOf', () => {
  it('counts a visit with qr=1 as a QR scan', () => {
    expect(visitSourceOf({ qr: '1' })).toBe('qr');
    expect(visitSourceOf({ utm_source: 'flyer', qr: '1' })).toBe('qr');
  });

  it.each([
    ['no query', undefined],
    ['an empty query', {}],
    ['another value', { qr: '0' }],
    ['an empty value', { qr: '' }],
    ['a repeated flag', { qr: ['1', '1'] }],
    ['a differently spelled name', { QR: '1' }],
  ])('counts %s as direct', (_case, query) => {
    expect(visitSourceOf(query)).toBe('direct');
  });

  it('reads a query object without a prototype, as Fastify parses it', () => {
    expect(visitSourceOf(Object.assign(Object.create(null), { qr: '1' }))).toBe('qr');
  });

  it('marks the short URL the QR code encodes with the flag it reads', () => {
    const url = new URL(qrScanUrl('https://sho.rt/abc'));
    expect(url.href).toBe('https://sho.rt/abc?qr=1');
    expect(visitSourceOf(Object.fromEntries(url.searchParams))).toBe('qr');
  });
});
